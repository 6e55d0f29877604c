package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.Vault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page handler's life beside the endpoint's. */
class DaemonSetupPageTest {
  @TempDir Path home;

  /** A page that runs work of its own, as the daemon's QR logins do. */
  static final class ClosablePage implements HttpHandler, AutoCloseable {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public void handle(HttpExchange exchange) {
      exchange.close();
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void aStopClosesThePageHandler() throws Exception {
    HandClock clock = new HandClock(Instant.parse("2026-11-24T12:00:00Z"));
    Vault vault = new Vault(home, Duration.ofSeconds(5));
    DaemonSetup.Settings settings =
        new DaemonSetup.Settings(
            vault,
            null,
            RenewalSchedule.defaults(),
            List.of(),
            ExportAccess.OWNER_ONLY,
            Duration.ZERO,
            null,
            null,
            Duration.ofSeconds(5),
            null,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            null);
    ClosablePage page = new ClosablePage();
    OkHttpClient client = new OkHttpClient();
    DaemonSetup.run(
        settings,
        null,
        null,
        client,
        client,
        new EventLog(new PrintWriter(new StringWriter()), EventLog.Format.TEXT, clock),
        clock,
        d -> {},
        () -> {},
        (v, daemon, token) -> {
          // Stopped at once: the loop's first look sees the stop and run() returns.
          daemon.stop();
          assertThat(page.closed).isFalse();
          return page;
        });
    assertThat(page.closed).as("closed once the daemon stopped").isTrue();
  }
}
