package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyTest {
  static final ProxySelector NONE = ProxySelector.of(null);

  @Test
  void theSchemesVariableIsUsedAndNoProxyBypasses() {
    EnvironmentProxy proxy =
        new EnvironmentProxy(
            Map.of("HTTPS_PROXY", "http://10.0.0.1:3128", "http_proxy", "http://10.0.0.2:8080",
                "no_proxy", "localhost,.internal.example"),
            NONE);

    assertThat(address(proxy.select(URI.create("https://u6.y.qq.com/x")))).isEqualTo("10.0.0.1:3128");
    assertThat(address(proxy.select(URI.create("http://u6.y.qq.com/x")))).isEqualTo("10.0.0.2:8080");
    // As curl does: an uppercase HTTP_PROXY may come from a request header, so it is ignored.
    assertThat(new EnvironmentProxy(Map.of("HTTP_PROXY", "http://10.0.0.9:1"), NONE).select(URI.create("http://u6.y.qq.com/x")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(proxy.select(URI.create("https://api.internal.example/x"))).containsExactly(Proxy.NO_PROXY);
    assertThat(proxy.select(URI.create("https://localhost/x"))).containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void allProxyMayBeSocks() {
    EnvironmentProxy proxy = new EnvironmentProxy(Map.of("all_proxy", "socks5://10.0.0.3"), NONE);

    List<Proxy> chosen = proxy.select(URI.create("https://u6.y.qq.com/x"));

    assertThat(chosen).singleElement().satisfies(p -> assertThat(p.type()).isEqualTo(Proxy.Type.SOCKS));
    assertThat(address(chosen)).isEqualTo("10.0.0.3:1080");
  }

  @Test
  void withoutVariablesJavasOwnSettingsApply() {
    assertThat(new EnvironmentProxy(Map.of(), NONE).select(URI.create("https://u6.y.qq.com/x")))
        .containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void renewGoesThroughTheProxyWithItsCredentials(@TempDir Path home) throws Exception {
    try (MockWebServer proxyServer = new MockWebServer()) {
      proxyServer.start(InetAddress.getLoopbackAddress(), 0);
      // A proxy that answers by itself: the request names the real host but never leaves loopback.
      proxyServer.enqueue(new mockwebserver3.MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=x").build());
      proxyServer.enqueue(RenewalAnswers.success(RenewCommandTest.NEW_KEY, QqLogin.NOW));
      CliRunner cli = new CliRunner(home);
      cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
      cli.env.put("http_proxy", "http://bob:s%40cret@127.0.0.1:" + proxyServer.getPort());

      CliRunner.Result result = cli.run("renew", "--endpoint", "http://u6.y.qq.com/cgi-bin/musicu.fcg");

      assertThat(result.code()).as(result.toString()).isZero();
      proxyServer.takeRequest(5, TimeUnit.SECONDS);
      RecordedRequest viaProxy = proxyServer.takeRequest(5, TimeUnit.SECONDS);
      assertThat(viaProxy.getTarget()).startsWith("http://u6.y.qq.com/cgi-bin/musicu.fcg?");
      assertThat(viaProxy.getHeaders().get("Proxy-Authorization")).isEqualTo(okhttp3.Credentials.basic("bob", "s@cret"));
      RenewCommandTest.assertNoSecretIn(result, "s@cret", "s%40cret");
    }
  }

  private static String address(List<Proxy> proxies) {
    InetSocketAddress a = (InetSocketAddress) proxies.get(0).address();
    return a.getHostString() + ":" + a.getPort();
  }
}
