package dev.qmcookie.renew;

import dev.qmcookie.testkit.HandClock;
import java.net.InetAddress;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake y.qq.com on 127.0.0.1 for each test, and a renewer pointed at it that never sleeps and
 * whose clock stands at {@link ShapeRenewalTest#NOW}. Register it with {@code @RegisterExtension}.
 */
final class LocalEndpoint implements BeforeEachCallback, AfterEachCallback {
  final MockWebServer server = new MockWebServer();

  // A slow answer times out after 300ms, so a test of one does not wait out the real timeouts.
  final OkHttpClient client =
      new OkHttpClient.Builder()
          .readTimeout(Duration.ofMillis(300))
          .callTimeout(Duration.ofSeconds(5))
          .build();

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    server.close();
  }

  Renewer renewer(ShapeChoice choice) {
    return new Renewer(
        client,
        server.url("/cgi-bin/musicu.fcg"),
        Backoff.RENEWAL,
        d -> {},
        new HandClock(ShapeRenewalTest.NOW),
        choice);
  }
}
