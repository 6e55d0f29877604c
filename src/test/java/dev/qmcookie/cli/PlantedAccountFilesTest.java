package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.schedule.DaemonAccounts;
import dev.qmcookie.testkit.RenewalAnswers;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.SpecialFiles;
import dev.qmcookie.vault.Vault;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attacks on a writable account folder, as the commands meet them. */
class PlantedAccountFilesTest {
  static final Duration NO_HANG = Duration.ofSeconds(20);

  @TempDir Path tmp;

  @Test
  void aFifoAtTheHistoryStopsRenewalBeforeTheRequestInsteadOfHangingUnderTheLock()
      throws Exception {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    byte[] before = cli.storedBytes("default");
    Path history = SpecialFiles.fifo(cli.accountDir("default").resolve("history.jsonl"));
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(RenewalAnswers.success(QqLogin.UIN, RenewCommandTest.NEW_KEY, QqLogin.NOW));

      CliRunner.Result result =
          assertTimeoutPreemptively(
              NO_HANG,
              () -> cli.run("renew", "--endpoint", server.url("/cgi-bin/musicu.fcg").toString()));

      assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(result.err()).contains(history + " is damaged: it is a special file");
      assertThat(server.getRequestCount()).isZero();
    }
    assertThat(cli.storedBytes("default")).isEqualTo(before);
    // The lock was released: the next command gets it at once.
    assertThat(cli.run("status").code()).isZero();
  }

  @Test
  void importReplaceOverACookieLinkNeverCopiesTheLinkedFile() throws Exception {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie("default", QqLogin.header(Duration.ofHours(2)));
    Path cookie = cli.accountDir("default").resolve("cookie.json");
    Path secret = Files.writeString(tmp.resolve("shadow"), "root:$6$secret-hash:19000::::::\n");
    Files.delete(cookie);
    Files.createSymbolicLink(cookie, secret);

    CliRunner.Result status = cli.run("status");
    assertThat(status.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(status.err())
        .contains(cookie + " is damaged")
        .contains("symbolic link")
        .doesNotContain("secret-hash");

    CliRunner.Result plain = cli.runWithInput(QqLogin.header(Duration.ofHours(1)), "import", "-");
    assertThat(plain.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(plain.err()).contains("--replace");

    CliRunner.Result replaced =
        cli.runWithInput(QqLogin.header(Duration.ofHours(1)), "import", "--replace", "-");
    assertThat(replaced.code()).as(replaced.toString()).isZero();
    assertThat(Files.isSymbolicLink(cookie)).isFalse();
    assertThat(cli.accountDir("default").resolve("cookie.json.prev")).doesNotExist();
    assertThat(secret).hasContent("root:$6$secret-hash:19000::::::");
    assertThat(cli.run("export").out()).isEqualTo(QqLogin.header(Duration.ofHours(1)) + "\n");
  }

  @Test
  void theDaemonsViewOfAFifoCookieFailsInsteadOfBlocking() throws Exception {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie("default", QqLogin.header(Duration.ofHours(2)));
    Path cookie = cli.accountDir("default").resolve("cookie.json");
    Files.delete(cookie);
    SpecialFiles.fifo(cookie);
    DaemonAccounts vaults =
        new DaemonAccounts(
            new Vault(cli.home, Duration.ofSeconds(2)),
            RenewalSchedule.defaults(),
            null,
            Clock.systemUTC(),
            ExportAccess.OWNER_ONLY);

    Throwable failure =
        assertTimeoutPreemptively(
            NO_HANG,
            () -> {
              try {
                vaults.view("default");
                return null;
              } catch (Exception e) {
                return e;
              }
            });

    assertThat(failure).hasMessageContaining(cookie + " is damaged: it is a special file");
  }
}
