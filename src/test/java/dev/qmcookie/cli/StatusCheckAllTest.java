package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status --check --all} against a check server that does not answer: it costs one time
 * limit, not one per account.
 */
class StatusCheckAllTest {
  @TempDir Path home;
  MockWebServer server = new MockWebServer();
  CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    cli = new CliRunner(home);
    cli.importCookie("a", QqLogin.header(Duration.ofHours(2)), "--no-check");
    cli.importCookie("b", QqLogin.header(Duration.ofHours(2)), "--no-check");
    cli.importCookie("c", QqLogin.header(Duration.ofHours(2)), "--no-check");
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  @Test
  void afterOneCheckWithoutAnAnswerTheOtherAccountsAreNotAsked() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .body("{\"code\":0}")
              .headersDelay(20, TimeUnit.SECONDS)
              .build());
    }

    CliRunner.Result checked =
        cli.run(
            "status",
            "--check",
            "--all",
            "--check-timeout",
            "500ms",
            "--check-endpoint",
            server.url("/check").toString());

    assertThat(checked.code()).as(checked.toString()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(checked.out())
        .contains("a: server: unknown (the request to " + server.url("/").host() + " timed out)")
        .contains("b: server: unknown (not asked: the check of a got no answer)")
        .contains("c: server: unknown (not asked: the check of a got no answer)");
  }
}
