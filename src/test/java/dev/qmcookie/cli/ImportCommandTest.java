package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.account.CapturedLogin;
import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.failure.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
  @TempDir Path tmp;

  CliRunner cli() {
    return new CliRunner(tmp.resolve("home"));
  }

  @Test
  void importsAHeaderFromStandardInputIntoPrivateFiles() throws Exception {
    CliRunner cli = cli();

    CliRunner.Result result =
        cli.runWithInput(QqLogin.header(Duration.ofHours(1)) + "\n", "import");

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("uin " + QqLogin.UIN)
        .contains("QQ login")
        .contains("(header)");
    assertThat(perms(cli.home)).isEqualTo("rwx------");
    assertThat(perms(cli.accountDir("default"))).isEqualTo("rwx------");
    assertThat(perms(cli.accountDir("default").resolve("cookie.json"))).isEqualTo("rw-------");
    RenewCommandTest.assertNoSecretIn(
        result, QqLogin.KEY, QqLogin.REFRESH_TOKEN, QqLogin.ACCESS_TOKEN);
  }

  @Test
  void readsAFileAndAnArgumentTooButWarnsAboutTheArgument() throws Exception {
    CliRunner cli = cli();
    Path file = tmp.resolve("cookie.txt");
    Files.writeString(file, QqLogin.header(Duration.ofHours(1)));

    CliRunner.Result fromFile = cli.run("import", "--file", file.toString(), "--account", "f");
    CliRunner.Result fromArg =
        cli.run("import", QqLogin.header(Duration.ofHours(1)), "--account", "a");

    assertThat(fromFile.code()).isZero();
    assertThat(fromFile.err()).doesNotContain("shell history");
    assertThat(fromArg.code()).isZero();
    assertThat(fromArg.err()).contains("shell history");
    assertThat(cli.storedBytes("f")).isNotEmpty();
  }

  @Test
  void aCookieMissingRenewalFieldsIsRefusedNamingEveryFieldAndNothingIsWritten() {
    CliRunner cli = cli();
    String partial =
        "uin=123456789; qqmusic_key=Q_H_L_63k3NoldKEY; psrf_musickey_createtime=soon; pgv_pvid=1";

    CliRunner.Result result = cli.runWithInput(partial, "import");

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.err())
        .contains("psrf_musickey_createtime")
        .contains("psrf_qqrefresh_token")
        .contains("psrf_qqaccess_token")
        .contains("psrf_qqopenid")
        .contains("psrf_qqunionid")
        .doesNotContain("missing uin")
        .doesNotContain("Q_H_L_63k3NoldKEY");
    assertThat(cli.home).doesNotExist();
  }

  @Test
  void emptyInputAndAMissingFileAreInvalidInput() {
    CliRunner cli = cli();

    assertThat(cli.runWithInput("  \n", "import").code()).isEqualTo(5);
    CliRunner.Result missing = cli.run("import", "--file", tmp.resolve("nope.txt").toString());
    assertThat(missing.code()).isEqualTo(5);
    assertThat(missing.err()).contains("nope.txt");
    assertThat(cli.home).doesNotExist();
  }

  @Test
  void aCookieOfAnotherUinNeedsReplace() throws Exception {
    CliRunner cli = cli();
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    byte[] before = cli.storedBytes("default");
    String other = QqLogin.header("222333444", "Q_H_L_63k3NotherKEYother01", QqLogin.NOW);

    CliRunner.Result refused = cli.runWithInput(other, "import");

    assertThat(refused.code()).isEqualTo(5);
    assertThat(refused.err()).contains("222333444").contains("--replace");
    assertThat(cli.storedBytes("default")).isEqualTo(before);

    CliRunner.Result replaced = cli.runWithInput(other, "import", "--replace");
    assertThat(replaced.code()).isZero();
    assertThat(new String(cli.storedBytes("default"))).contains("222333444");
  }

  @Test
  void anOlderKeyOfTheSameUinNeedsReplaceButANewerOneIsTaken() throws Exception {
    CliRunner cli = cli();
    cli.importCookie("default", QqLogin.header(Duration.ofHours(2)));
    byte[] before = cli.storedBytes("default");

    CliRunner.Result older = cli.runWithInput(QqLogin.header(Duration.ofHours(5)), "import");
    assertThat(older.code()).isEqualTo(5);
    assertThat(older.err()).contains("newer");
    assertThat(cli.storedBytes("default")).isEqualTo(before);

    CliRunner.Result newer = cli.runWithInput(QqLogin.header(Duration.ofMinutes(5)), "import");
    assertThat(newer.code()).isZero();
    assertThat(cli.accountDir("default").resolve("cookie.json.prev")).hasBinaryContent(before);
  }

  @Test
  void cookiesOfOtherSitesAreDropped() throws Exception {
    CliRunner cli = cli();
    String netscape =
        "# Netscape HTTP Cookie File\n"
            + ".example.com\tTRUE\t/\tFALSE\t0\ttracker\tabc\n"
            + ".notqq.com\tTRUE\t/\tFALSE\t0\tevil\tx\n"
            + String.join(
                "",
                QqLogin.header(Duration.ofHours(1))
                    .lines()
                    .flatMap(l -> java.util.Arrays.stream(l.split("; ")))
                    .map(p -> ".qq.com\tTRUE\t/\tFALSE\t0\t" + p.replaceFirst("=", "\t") + "\n")
                    .toList());

    CliRunner.Result result = cli.runWithInput(netscape, "import");

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out()).contains("(netscape)").contains("ignored 2 cookies of other sites");
    assertThat(new String(cli.storedBytes("default")))
        .doesNotContain("tracker")
        .doesNotContain("evil");
  }

  @Test
  void anExpiredCookieIsStoredWithAWarning() throws Exception {
    CliRunner cli = cli();

    CliRunner.Result result = cli.runWithInput(QqLogin.header(Duration.ofHours(30)), "import");

    assertThat(result.code()).isZero();
    assertThat(result.err()).contains("expired");
  }

  @Test
  void aBadAccountNameIsInvalidInput() {
    CliRunner cli = cli();

    CliRunner.Result result =
        cli.runWithInput(QqLogin.header(Duration.ofHours(1)), "import", "--account", "../etc");

    assertThat(result.code()).isEqualTo(5);
    assertThat(tmp.resolve("etc")).doesNotExist();
  }

  @Test
  void aHugeGarbageInputGivesOneShortPrintableLine() {
    CliRunner cli = cli();
    java.util.Random random = new java.util.Random(347);
    StringBuilder garbage = new StringBuilder("x");
    while (garbage.length() < 350_000) {
      garbage.append((char) random.nextInt(128));
    }

    CliRunner.Result result = cli.runWithInput(garbage.toString(), "import");

    assertThat(result.code()).isEqualTo(5);
    String line = result.err().stripTrailing();
    assertThat(line).startsWith("qmcookie: ").hasSizeLessThanOrEqualTo(1010).contains(" more");
    assertThat(line.chars().filter(Character::isISOControl).count()).as(line).isZero();
    assertThat(cli.home).doesNotExist();
  }

  @Test
  void aPlaywrightValueCarryingAnotherCookieIsRefusedAndNothingIsStored() {
    CliRunner cli = cli();
    CookieRecord login = CookieFormats.read(QqLogin.header(Duration.ofHours(1))).record();
    CookieRecord injected =
        new CookieRecord(
            login
                .cookies()
                .withValue("psrf_qqopenid", QqLogin.OPENID + "; uin=999\r\nX-Injected: 1"),
            login.metadata());

    CliRunner.Result result =
        cli.runWithInput(CookieFormats.write(CookieFormat.PLAYWRIGHT, injected, null), "import");

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.err())
        .contains("cookie psrf_qqopenid: the value contains")
        .doesNotContain(QqLogin.OPENID);
    assertThat(cli.home).doesNotExist();
  }

  @Test
  void aSecondDifferingUinInTheHeaderIsRefusedNamingIt() {
    CliRunner cli = cli();

    CliRunner.Result result =
        cli.runWithInput(QqLogin.header(Duration.ofHours(1)) + "; uin=999", "import");

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.err())
        .contains("uin appears 2 times with different values in the cookies sent to y.qq.com");
    assertThat(cli.home).doesNotExist();
  }

  @Test
  void aCookieEditorFileAddingAnotherUinForYqqComIsRefusedSoTheExportNeverCarriesTwoAccounts() {
    CliRunner cli = cli();
    CookieRecord login = CookieFormats.read(QqLogin.header(Duration.ofHours(1))).record();
    CookieSet withSecondUin =
        login
            .cookies()
            .upsert(
                new dev.qmcookie.cookie.Cookie(
                    "uin", "999", "y.qq.com", "/", -1, false, false, null));

    CliRunner.Result result =
        cli.runWithInput(
            CookieFormats.write(
                CookieFormat.COOKIE_EDITOR,
                new CookieRecord(withSecondUin, login.metadata()),
                null),
            "import");

    assertThat(result.code()).as(result.toString()).isEqualTo(5);
    assertThat(result.err())
        .contains("uin appears 2 times with different values in the cookies sent to y.qq.com");
    assertThat(cli.home).doesNotExist();
  }

  @Test
  void aKeyIssuedMoreThanFiveMinutesInTheFutureIsRefusedButFourMinutesIsClockSkew()
      throws Exception {
    CliRunner cli = cli();
    String in2100 = QqLogin.header(QqLogin.UIN, QqLogin.KEY, Instant.parse("2100-01-01T00:00:00Z"));
    String slightlyAhead =
        QqLogin.header(QqLogin.UIN, QqLogin.KEY, QqLogin.NOW.plus(Duration.ofMinutes(4)));

    CliRunner.Result refused = cli.runWithInput(in2100, "import");

    assertThat(refused.code()).isEqualTo(5);
    assertThat(refused.err())
        .contains(
            "psrf_musickey_createtime is 2100-01-01T00:00:00Z, more than 5 minutes in the future");
    assertThat(cli.home).doesNotExist();
    assertThat(cli.runWithInput(slightlyAhead, "import").code()).isZero();
  }

  @Test
  void aUserAgentThatNoHeaderCanCarryIsRefused() {
    CliRunner cli = cli();
    String header = QqLogin.header(Duration.ofHours(1));

    CliRunner.Result crlf =
        cli.runWithInput(header, "import", "--user-agent", "Mozilla/5.0\r\nX-Injected: 1");
    CliRunner.Result bell = cli.runWithInput(header, "import", "--user-agent", "Mozilla/5.0\u0007");
    CliRunner.Result chinese = cli.runWithInput(header, "import", "--user-agent", "浏览器/1.0");

    assertThat(crlf.code()).isEqualTo(5);
    assertThat(crlf.err()).contains("--user-agent contains a line break");
    assertThat(bell.code()).isEqualTo(5);
    assertThat(bell.err()).contains("--user-agent contains a control character");
    assertThat(chinese.code()).isEqualTo(5);
    assertThat(chinese.err()).contains("--user-agent contains a character outside ASCII");
    assertThat(cli.home).doesNotExist();
  }

  @Test
  void aConfiguredUserAgentWithALineBreakIsRefusedToo() throws Exception {
    CliRunner cli = cli();
    Files.createDirectories(cli.home);
    Files.writeString(
        cli.home.resolve("config.json"), "{\"user-agent\": \"Mozilla/5.0\\r\\nX-Injected: 1\"}");

    CliRunner.Result result = cli.runWithInput(QqLogin.header(Duration.ofHours(1)), "import");

    assertThat(result.code()).as(result.toString()).isEqualTo(5);
    assertThat(result.err()).contains("--user-agent contains a line break");
    assertThat(cli.accountDir("default")).doesNotExist();
  }

  @Test
  void aCapturedBrowserCookieThatCannotBeSentIsRefusedNamingIt() {
    CookieSet cookies =
        CookieFormats.read(QqLogin.header(Duration.ofHours(1)))
            .record()
            .cookies()
            .upsert(dev.qmcookie.cookie.Cookie.of("nick", "测试"));

    assertThatThrownBy(
            () -> CapturedLogin.record(cookies, QqLogin.USER_AGENT, QqLogin.NOW, "capture:browser"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cookie nick: the value contains a character outside ASCII");
  }

  @Test
  void aBrowserUserAgentThatCannotBeSentAsAHeaderIsDropped() {
    CookieSet cookies = CookieFormats.read(QqLogin.header(Duration.ofHours(1))).record().cookies();

    CookieRecord hostile =
        CapturedLogin.record(
            cookies, "Mozilla/5.0\r\nX-Injected: 1", QqLogin.NOW, "capture:browser");
    CookieRecord chinese = CapturedLogin.record(cookies, "浏览器/1.0", QqLogin.NOW, "capture:browser");
    CookieRecord plain =
        CapturedLogin.record(cookies, QqLogin.USER_AGENT, QqLogin.NOW, "capture:browser");

    assertThat(hostile.metadata().userAgent()).isNull();
    assertThat(chinese.metadata().userAgent()).isNull();
    assertThat(plain.metadata().userAgent()).isEqualTo(QqLogin.USER_AGENT);
  }

  static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
