package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RenewalAnswers;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renewal goes through the environment's proxy; the selector's own rules are in http/. */
class ProxyTest {
  @Test
  void renewGoesThroughTheProxyWithItsCredentials(@TempDir Path home) throws Exception {
    try (MockWebServer proxyServer = new MockWebServer()) {
      proxyServer.start(InetAddress.getLoopbackAddress(), 0);
      // A proxy that answers by itself: the request names the real host but never leaves loopback.
      proxyServer.enqueue(
          new mockwebserver3.MockResponse.Builder()
              .code(407)
              .setHeader("Proxy-Authenticate", "Basic realm=x")
              .build());
      proxyServer.enqueue(
          RenewalAnswers.success(QqLogin.UIN, RenewCommandTest.NEW_KEY, QqLogin.NOW));
      CliRunner cli = new CliRunner(home);
      cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
      cli.env.put("http_proxy", "http://bob:s%40cret@127.0.0.1:" + proxyServer.getPort());

      CliRunner.Result result =
          cli.run("renew", "--endpoint", "http://u6.y.qq.com/cgi-bin/musicu.fcg");

      assertThat(result.code()).as(result.toString()).isZero();
      proxyServer.takeRequest(5, TimeUnit.SECONDS);
      RecordedRequest viaProxy = proxyServer.takeRequest(5, TimeUnit.SECONDS);
      assertThat(viaProxy.getTarget()).startsWith("http://u6.y.qq.com/cgi-bin/musicu.fcg?");
      assertThat(viaProxy.getHeaders().get("Proxy-Authorization"))
          .isEqualTo(okhttp3.Credentials.basic("bob", "s@cret"));
      RenewCommandTest.assertNoSecretIn(result, "s@cret", "s%40cret");
    }
  }
}
