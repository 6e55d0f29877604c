package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonRun.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.schedule.DaemonRun.OneAccount;
import dev.qmcookie.testkit.HandClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon never logs in by itself: a lost login's alert names the command a person runs, the QR
 * login for an account that came in by QR code.
 */
class DaemonLoginAlertTest {
  @TempDir Path home;

  /** Due now; its renewal is refused as a lost login, and it last came in by QR code. */
  class LostQrLogin extends OneAccount {
    volatile boolean refused;

    LostQrLogin() {
      super(home);
    }

    @Override
    public AccountView view(String account) {
      return new AccountView(account, START, START.plus(Duration.ofHours(4)), refused, "f1");
    }

    @Override
    public Outcome renew(String account) {
      refused = true;
      return new Outcome(
          Outcome.Kind.NEEDS_LOGIN, 3, "", "the login is no longer valid (code 104401)");
    }

    @Override
    public String loginCommand(String account) {
      return "qmcookie login --qr --account " + account;
    }
  }

  @Test
  void theNeedsLoginAlertSaysWhichCommandToRun() throws Exception {
    HandClock clock = new HandClock(START);
    try (MockWebServer alerts = new MockWebServer()) {
      alerts.start(InetAddress.getLoopbackAddress(), 0);
      alerts.enqueue(new MockResponse.Builder().code(204).build());
      Notifier notifier =
          new Notifier(
              NotifierTest.CLIENT,
              alerts.url("/alert"),
              Notifier.BACKOFF,
              d -> {},
              new EventLog(new PrintWriter(new StringWriter()), EventLog.Format.TEXT, clock),
              clock);
      DaemonRun run = new DaemonRun(new LostQrLogin(), clock, notifier);
      try (run) {
        run.await(() -> alerts.getRequestCount() == 1);
      }

      String body = alerts.takeRequest(5, TimeUnit.SECONDS).getBody().utf8();
      assertThat(new ObjectMapper().readTree(body).get("message").asText())
          .isEqualTo(
              "the login is no longer valid (code 104401); to log in again run: qmcookie login"
                  + " --qr --account alice");
    }
  }
}
