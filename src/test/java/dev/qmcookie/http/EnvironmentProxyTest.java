package dev.qmcookie.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentProxyTest {
  static final ProxySelector NONE = ProxySelector.of(null);

  @Test
  void theSchemesVariableIsUsedAndNoProxyBypasses() {
    EnvironmentProxy proxy =
        new EnvironmentProxy(
            Map.of(
                "HTTPS_PROXY",
                "http://10.0.0.1:3128",
                "http_proxy",
                "http://10.0.0.2:8080",
                "no_proxy",
                "localhost,.internal.example"),
            NONE);

    assertThat(address(proxy.select(URI.create("https://u6.y.qq.com/x"))))
        .isEqualTo("10.0.0.1:3128");
    assertThat(address(proxy.select(URI.create("http://u6.y.qq.com/x"))))
        .isEqualTo("10.0.0.2:8080");
    // As curl does: an uppercase HTTP_PROXY may come from a request header, so it is ignored.
    assertThat(
            new EnvironmentProxy(Map.of("HTTP_PROXY", "http://10.0.0.9:1"), NONE)
                .select(URI.create("http://u6.y.qq.com/x")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(proxy.select(URI.create("https://api.internal.example/x")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(proxy.select(URI.create("https://localhost/x"))).containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void allProxyMayBeSocks() {
    EnvironmentProxy proxy = new EnvironmentProxy(Map.of("all_proxy", "socks5://10.0.0.3"), NONE);

    List<Proxy> chosen = proxy.select(URI.create("https://u6.y.qq.com/x"));

    assertThat(chosen)
        .singleElement()
        .satisfies(p -> assertThat(p.type()).isEqualTo(Proxy.Type.SOCKS));
    assertThat(address(chosen)).isEqualTo("10.0.0.3:1080");
  }

  @Test
  void withoutVariablesJavasOwnSettingsApply() {
    assertThat(new EnvironmentProxy(Map.of(), NONE).select(URI.create("https://u6.y.qq.com/x")))
        .containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void aMalformedSettingIsBadInputThatDoesNotRepeatIt() {
    EnvironmentProxy proxy =
        new EnvironmentProxy(Map.of("https_proxy", "http://bob:s3cret@"), NONE);

    assertThatThrownBy(() -> proxy.select(URI.create("https://u6.y.qq.com/x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("s3cret");
  }

  private static String address(List<Proxy> proxies) {
    InetSocketAddress a = (InetSocketAddress) proxies.get(0).address();
    return a.getHostString() + ":" + a.getPort();
  }
}
