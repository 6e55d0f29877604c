package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RenewalAnswers;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon with {@code QMCOOKIE_ROUTE}: its renewals and live checks go to one fake that
 * answers by Host, the warning is printed once, and the notify URL, the user's own, is not routed
 * even when a rule matches its host.
 */
class RouteDaemonTest {
  @TempDir Path tmp;

  @Test
  void renewalAndCheckAreRoutedTheNotificationIsNotAndTheWarningComesOnce() throws Exception {
    Path home = tmp.resolve("home");
    CliRunner cli = new CliRunner(home);
    cli.clock.advance(Duration.between(QqLogin.NOW, Instant.now()));
    cli.importCookie("default", QqLogin.header(QqLogin.UIN, QqLogin.KEY, Instant.now()));
    List<String> routedHosts = new CopyOnWriteArrayList<>();
    try (MockWebServer fake = new MockWebServer();
        MockWebServer notified = new MockWebServer()) {
      fake.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String host = request.getHeaders().get("Host");
              routedHosts.add(host);
              return host.equals("c6.y.qq.com")
                  ? RenewalAnswers.json("{\"code\":0,\"data\":{\"creator\":{}}}")
                  : RenewalAnswers.code(0, 104401);
            }
          });
      fake.start(InetAddress.getByName("127.0.0.1"), 0);
      notified.enqueue(new MockResponse.Builder().code(204).build());
      notified.start(InetAddress.getByName("127.0.0.1"), 0);
      Path logFile = tmp.resolve("daemon.log");
      ProcessBuilder pb =
          MainProcessTest.command(
              "daemon",
              "--home",
              home.toString(),
              "--renew-after",
              "1s",
              "--jitter",
              "0s",
              "--no-browser-fallback",
              "--notify-url",
              "http://localhost:" + notified.getPort() + "/alert");
      pb.environment().remove(CheckEndpointOption.ENV);
      // The second rule matches the notify URL's host: it must not apply there.
      pb.environment()
          .put(
              RouteOption.ENV,
              "*.qq.com=http://127.0.0.1:"
                  + fake.getPort()
                  + ",localhost=http://127.0.0.1:"
                  + fake.getPort());
      Process daemon = pb.redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
      DaemonProcessTest.DaemonLog log = new DaemonProcessTest.DaemonLog(logFile);
      try {
        DaemonProcessTest.await(() -> notified.getRequestCount() == 1, log);
      } finally {
        daemon.destroy();
        daemon.waitFor(10, TimeUnit.SECONDS);
      }

      assertThat(notified.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath())
          .isEqualTo("/alert");
      assertThat(routedHosts)
          .as("renewal shapes A and B, and the live check, by their real hosts")
          .contains("u6.y.qq.com", "u.y.qq.com")
          .doesNotContain("localhost:" + notified.getPort())
          .allMatch(h -> h.endsWith(".qq.com"));
      assertThat(log.toString())
          .containsOnlyOnce("qmcookie: warning: QMCOOKIE_ROUTE is set: requests to *.qq.com go to")
          .contains(" needs-login account=default code=3");
    }
  }
}
