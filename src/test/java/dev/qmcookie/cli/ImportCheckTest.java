package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.testkit.ProfilePageFake;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live check {@code import} runs once the cookie is stored. */
class ImportCheckTest {
  @TempDir Path home;
  MockWebServer server = new MockWebServer();
  ProfilePageFake page = new ProfilePageFake(QqLogin.KEY);
  CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    server.setDispatcher(page);
    server.start(InetAddress.getLoopbackAddress(), 0);
    cli = new CliRunner(home);
    cli.env.put(CheckEndpointOption.ENV, server.url("/check").toString());
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  CliRunner.Result importCookie(String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "import";
    args[1] = "-";
    System.arraycopy(extra, 0, args, 2, extra.length);
    return cli.runWithInput(QqLogin.header(Duration.ofHours(1)), args);
  }

  @Test
  void anAcceptedCookieSaysSo() {
    CliRunner.Result result = importCookie();

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out()).contains("server: accepted");
    assertThat(result.err()).doesNotContain("warning");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRefusedCookieIsStoredWithAWarning() throws Exception {
    page.logOut(QqLogin.KEY);

    CliRunner.Result result = importCookie();

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.err())
        .contains("qmcookie: warning: server: refused (code " + ProfilePageFake.REFUSED + ")")
        .contains("log in again");
    assertThat(cli.storedBytes("default")).isNotEmpty();
    assertThat(cli.run("status").out()).contains("needs-login");
  }

  @Test
  void anImportWithTheServerDownStillWorks() throws Exception {
    server.close();

    CliRunner.Result result = importCookie();

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.err())
        .contains("qmcookie: warning: server: unknown (cannot connect to")
        .contains("status --check");
    assertThat(cli.run("status").code()).isZero();
  }

  @Test
  void noCheckSendsNothing() {
    CliRunner.Result result = importCookie("--no-check");

    assertThat(result.code()).isZero();
    assertThat(result.out() + result.err()).doesNotContain("server:");
    assertThat(server.getRequestCount()).isZero();
    assertThat(Files.exists(cli.accountDir("default").resolve("last-check.json"))).isFalse();
  }

  @Test
  void anExpiredKeysRefusalSaysWhetherItsRefreshKeyMayStillRenewIt() throws Exception {
    page.logOut(QqLogin.KEY);
    CliRunner.Result plain = cli.runWithInput(QqLogin.header(Duration.ofHours(30)), "import", "-");
    ObjectNode credential =
        QqMusicApiCredentialTest.credential()
            .put("musickeyCreateTime", QqLogin.NOW.minus(Duration.ofDays(4)).getEpochSecond());
    CliRunner.Result renewable =
        cli.runWithInput(JsonTrees.compact(credential), "import", "--account", "python");

    assertThat(plain.err())
        .contains("server: refused")
        .contains("the key has expired; log in again");
    assertThat(renewable.code()).as(renewable.toString()).isZero();
    assertThat(renewable.err())
        .contains("server: refused")
        .contains("its refresh_key may still renew it: run qmcookie renew")
        .doesNotContain("log in again");
  }

  @Test
  void statusSaysWhenItsLastCheckWasOfAnOlderCookie() throws Exception {
    page.logOut(QqLogin.KEY);
    importCookie();
    cli.clock.advance(Duration.ofMinutes(5));

    cli.runWithInput(
        QqLogin.header(Duration.ofMinutes(1)), "import", "-", "--replace", "--no-check");

    CliRunner.Result status = cli.run("status");
    assertThat(status.out())
        .contains("server: refused")
        .contains("of the cookie stored before this one")
        .doesNotContain("needs-login");
    assertThat(cli.run("status", "--all").out()).contains("of the cookie stored before this one");
  }
}
