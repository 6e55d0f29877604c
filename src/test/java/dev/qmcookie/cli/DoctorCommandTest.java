package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.browser.ProfileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
  @TempDir Path tmp;
  CliRunner cli;
  Path bin;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRunner(tmp.resolve("home"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    cli.env.put("PATH", bin.toString());
    cli.env.put("QMCOOKIE_DRIVERS", tmp.resolve("drivers").toString());
    // Resolving a loopback literal needs no DNS: no test asks a resolver about qq.com.
    cli.env.put("QMCOOKIE_ENDPOINT", "http://127.0.0.1:9/cgi-bin/musicu.fcg");
    cli.env.remove("DISPLAY");
  }

  void script(String name, String versionLine) throws Exception {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\necho '" + versionLine + "'\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void aHealthyMachinePassesWithWarningsOnly() throws Exception {
    script("chromium", "Chromium 156.0.8078.79 built on Debian");
    script("chromedriver", "ChromeDriver 156.0.8078.79 (abc)");
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("ok    java")
        .contains("ok    browser    Chromium 156")
        .contains("ok    driver     ChromeDriver 156")
        .contains("warn  display")
        .contains("--headless")
        .contains("ok    files      1 account(s)")
        .contains("ok    endpoint   127.0.0.1 resolves")
        .contains(
            "renew (from $QMCOOKIE_ENDPOINT) and daemon (from $QMCOOKIE_ENDPOINT) send the cookie");
  }

  @Test
  void theEnvironmentChoosesBrowserAndDriverBeforePathAndFlagsBeforeTheEnvironment()
      throws Exception {
    script("chromium", "Chromium 150.0.1.1 built on Debian");
    script("chromedriver", "ChromeDriver 150.0.1.1 (abc)");
    Path other = Files.createDirectories(tmp.resolve("other"));
    for (String[] p :
        new String[][] {
          {"chrome", "Google Chrome 156.0.2.2"},
          {"driver", "ChromeDriver 156.0.2.2 (x)"},
          {"chrome2", "Google Chrome 157.0.3.3"},
          {"driver2", "ChromeDriver 157.0.3.3 (y)"}
        }) {
      Path f = other.resolve(p[0]);
      Files.writeString(f, "#!/bin/sh\necho '" + p[1] + "'\n");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
    }
    cli.env.put("QMCOOKIE_BROWSER", other.resolve("chrome").toString());
    cli.env.put("QMCOOKIE_DRIVER", other.resolve("driver").toString());

    CliRunner.Result fromEnv = cli.run("doctor");
    CliRunner.Result fromFlags =
        cli.run(
            "doctor",
            "--browser",
            other.resolve("chrome2").toString(),
            "--driver",
            other.resolve("driver2").toString());

    assertThat(fromEnv.out())
        .contains("Google Chrome 156.0.2.2")
        .contains("from $QMCOOKIE_BROWSER")
        .contains("from $QMCOOKIE_DRIVER");
    assertThat(fromFlags.out())
        .contains("Google Chrome 157.0.3.3")
        .contains("from --browser")
        .contains("from --driver");
    assertThat(fromFlags.code()).isZero();
  }

  @Test
  void aMismatchedDriverFailsWithExitSix() throws Exception {
    script("chromium", "Chromium 156.0.8078.79 built on Debian");
    script("chromedriver", "ChromeDriver 150.0.1.1 (abc)");

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.code()).isEqualTo(ExitCodes.SETUP);
    assertThat(result.out()).contains("fail  driver").contains("does not match");
  }

  @Test
  void noBrowserFailsNamingTheFix() {
    CliRunner.Result result = cli.run("doctor");

    assertThat(result.code()).isEqualTo(ExitCodes.SETUP);
    assertThat(result.out())
        .contains("fail  browser")
        .contains("apt-get install chromium chromium-driver");
  }

  @Test
  void noBrowserPointsToTheQrLogin() {
    CliRunner.Result result = cli.run("doctor");

    assertThat(result.out()).contains("qr login").contains("qmcookie login --qr");
  }

  @Test
  void aSelftestWithoutABrowserSkipsTheBrowserStepsAndPassesOnTheQrLogins() throws Exception {
    // No browser anywhere, and chosen ones that do not exist: the QR steps must need none.
    cli.env.put("QMCOOKIE_BROWSER", tmp.resolve("no-chromium").toString());
    cli.env.put("QMCOOKIE_DRIVER", tmp.resolve("no-chromedriver").toString());
    cli.clock.advance(Duration.between(QqLogin.NOW, java.time.Instant.now()));

    CliRunner.Result result = cli.run("doctor", "--selftest", "--no-download");

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("warn  browser")
        .contains("warn  selftest   no browser: its browser steps are skipped");
    for (String step : new String[] {"login", "capture", "renew", "export", "status"}) {
      assertThat(result.out()).contains("skip  selftest   " + step + " (needs a browser)");
    }
    for (String flow : new String[] {"qq", "wechat"}) {
      for (String step : new String[] {"qr login", "status", "renew", "export"}) {
        assertThat(result.out()).containsPattern("ok +selftest +" + flow + " " + step + " \\(");
      }
    }
    assertThat(result.out()).doesNotContain("fail ");
    assertThat(cli.home).as("the selftest uses a throw-away home").doesNotExist();
  }

  @Test
  void aFailedHomeOutranksAMissingBrowser() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    Path config = Files.writeString(cli.home.resolve("config.json"), "{}");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.out()).contains("fail  browser").contains("fail  config");
  }

  @Test
  void looseFilesAndABusyProfileAreWarnings() throws Exception {
    script("chromium", "Chromium 156.0.8078.79 built on Debian");
    script("chromedriver", "ChromeDriver 156.0.8078.79 (abc)");
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    Path cookieFile = cli.accountDir("default").resolve("cookie.json");
    Files.setPosixFilePermissions(cookieFile, PosixFilePermissions.fromString("rw-r--r--"));
    Path profile = Files.createDirectories(cli.accountDir("default").resolve("chrome"));
    long pid = ProcessHandle.current().pid();
    Files.createSymbolicLink(
        profile.resolve("SingletonLock"), Path.of(ProfileLock.thisHost() + "-" + pid));

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("warn  files      readable by others: " + cookieFile)
        .contains("chmod")
        .contains("warn  profiles   default in use by process " + pid);
    assertThat(profile.resolve("SingletonLock")).as("doctor only looks").isSymbolicLink();
  }

  @Test
  void everyAccountFolderOthersCanWriteIsAFailureNamedWithItsFix() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    cli.importCookie("second", QqLogin.header(Duration.ofHours(1)));
    Path first = cli.accountDir("default");
    Path second = cli.accountDir("second");
    Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(
        second.resolve("cookie.json"), PosixFilePermissions.fromString("rw-rw----"));
    dev.qmcookie.vault.OtherUser.giveGroup(second.resolve("cookie.json"));

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out())
        .contains("fail  files")
        .contains("chmod go-w " + first.toRealPath())
        .contains("chmod go-w " + second.resolve("cookie.json").toRealPath())
        .doesNotContain("owner-only");
  }

  @Test
  void linksAndSpecialFilesPlantedInAnAccountFolderAreFailuresNotOwnerOnly() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    Path dir = cli.accountDir("default");
    Path victim = Files.writeString(tmp.resolve("victim"), "x");
    Files.createSymbolicLink(dir.resolve("history.jsonl"), victim);
    Files.deleteIfExists(dir.resolve(".lock")); // the import left one
    dev.qmcookie.vault.SpecialFiles.fifo(dir.resolve(".lock"));

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out())
        .contains("fail  files")
        .contains(dir.resolve("history.jsonl") + " is damaged: it is a symbolic link")
        .contains(dir.resolve(".lock") + " is damaged: it is a special file")
        .doesNotContain("owner-only");
    assertThat(Files.readString(victim)).isEqualTo("x");
  }

  @Test
  void theSelftestRunsTheWholePathAgainstTheSimulatedSite() {
    Chromium.require();
    cli.env.put("PATH", "/usr/bin:/bin");
    cli.clock.advance(Duration.between(QqLogin.NOW, java.time.Instant.now()));

    CliRunner.Result result;
    try (mockwebserver3.MockWebServer checkPage = new mockwebserver3.MockWebServer()) {
      checkPage.start(java.net.InetAddress.getLoopbackAddress(), 0);
      cli.env.put(CheckEndpointOption.ENV, checkPage.url("/check").toString());

      result = cli.run("doctor", "--selftest", "--no-download");

      assertThat(checkPage.getRequestCount())
          .as("the simulated login is not checked with the server")
          .isZero();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }

    assertThat(result.code()).as(result.toString()).isZero();
    for (String step : new String[] {"login", "capture", "renew", "export", "status"}) {
      assertThat(result.out()).containsPattern("ok +selftest +" + step + " \\(");
    }
    assertThat(result.out())
        .as("with a browser, its steps run first, then the QR logins")
        .containsPattern(
            "(?s)ok +selftest +status \\(.*ok +selftest +qq qr login \\(.*ok +selftest +qq export"
                + " \\(.*ok +selftest +wechat qr login \\(.*ok +selftest +wechat export \\(")
        .doesNotContain("skip ");
    assertThat(cli.home).as("the selftest uses a throw-away home").doesNotExist();
  }

  @Test
  void aTokenLinkedToAFileAllCanReadFailsInsteadOfBeingCalledOwnerOnly() throws Exception {
    script("chromium", "Chromium 156.0.8078.79 built on Debian");
    script("chromedriver", "ChromeDriver 156.0.8078.79 (abc)");
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    Path known = Files.writeString(tmp.resolve("known"), "token\n");
    Files.setPosixFilePermissions(known, PosixFilePermissions.fromString("rw-r--r--"));
    Path token = Files.createSymbolicLink(cli.home.resolve("api-token"), known);

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.code()).as(result.toString()).isEqualTo(5);
    assertThat(result.out())
        .contains("ok    home       " + cli.home)
        .contains("fail  api-token  " + token + " is a symbolic link")
        .contains("fix: rm " + token);
  }

  @Test
  void aConfigOthersCanWriteIsReportedAndNotRead() throws Exception {
    script("chromium", "Chromium 156.0.8078.79 built on Debian");
    script("chromedriver", "ChromeDriver 156.0.8078.79 (abc)");
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    Path other = Files.createDirectories(tmp.resolve("attacker"));
    Path evil = other.resolve("chromium");
    Path ran = tmp.resolve("ran");
    Files.writeString(
        evil, "#!/bin/sh\ntouch " + ran + "\necho 'Chromium 156.0.8078.79 built on Debian'\n");
    Files.setPosixFilePermissions(evil, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path config =
        Files.writeString(
            cli.home.resolve("config.json"),
            "{\"browser\": \"" + evil + "\", \"endpoint\": \"http://127.0.0.2:9/steal\"}");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.code()).as(result.toString()).isEqualTo(5);
    assertThat(result.out())
        .contains("fail  config     " + config + " can be written by group or others")
        .contains("fix: chmod go-w " + config)
        .contains(
            "ok    browser    Chromium 156.0.8078.79 built on Debian (" + bin.resolve("chromium"))
        .doesNotContain("127.0.0.2");
    assertThat(ran).as("the planted browser path ran").doesNotExist();
  }

  @Test
  void aHomeOfAnotherUserFails() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    dev.qmcookie.vault.OtherUser.give(cli.home);

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out())
        .contains("fail  home       the home " + cli.home.toRealPath() + " is owned by nobody");
  }

  @Test
  void theEndpointInEffectIncludesTheConfig() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    Path config =
        Files.writeString(
            cli.home.resolve("config.json"),
            "{\"daemon\": {\"endpoint\": \"http://127.0.0.2:9/cgi-bin/musicu.fcg\"}}");

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.out())
        .contains("ok    config     " + config + ": yours")
        .contains(
            "127.0.0.1 resolves to 127.0.0.1; renew (from $QMCOOKIE_ENDPOINT) sends the cookie to http://127.0.0.1:9")
        .contains(
            "127.0.0.2 resolves to 127.0.0.2; daemon (from "
                + config
                + ") sends the cookie to http://127.0.0.2:9");
  }
}
