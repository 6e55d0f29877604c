package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.browser.ProfileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the browser commands check before a browser starts, with stand-in programs instead of
 * Chromium: none of these cases may start one.
 */
class BrowserSetupTest {
  @TempDir Path home;
  @TempDir Path bin;
  CliRunner cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRunner(home);
    cli.env.put("PATH", "/usr/bin:/bin");
    cli.env.put("QMCOOKIE_DRIVERS", home.resolve("no-drivers").toString());
    // Answer --version only: a launch of either would fail the test.
    cli.env.put(
        "QMCOOKIE_BROWSER", script("chromium", "Chromium 150.0.1.1 built on Debian").toString());
    cli.env.put(
        "QMCOOKIE_DRIVER", script("chromedriver", "ChromeDriver 150.0.1.1 (abc)").toString());
  }

  Path script(String name, String version) throws Exception {
    Path f = bin.resolve(name);
    Files.writeString(
        f, "#!/bin/sh\n[ \"$1\" = --version ] && echo '" + version + "' && exit 0\nexit 99\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
    return f;
  }

  @Test
  void aProfileInUseIsAClearErrorAndStartsNoBrowser() throws Exception {
    Path profile = home.resolve("default/chrome");
    Files.createDirectories(profile);
    long livePid = ProcessHandle.current().pid();
    Files.createSymbolicLink(
        profile.resolve("SingletonLock"), Path.of(ProfileLock.thisHost() + "-" + livePid));

    CliRunner.Result result = cli.run("login", "--headless", "--timeout", "5s", "--no-download");

    assertThat(result.code()).as(result.toString()).isEqualTo(4);
    assertThat(result.err()).contains("in use by process " + livePid);
    try (var files = Files.list(profile)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("SingletonLock");
    }
  }

  @Test
  void aHeadlessLoginWithoutABrowserSuggestsTheQrLogin() throws Exception {
    cli.env.remove("QMCOOKIE_BROWSER");
    cli.env.put("PATH", Files.createDirectories(home.resolve("no-programs")).toString());

    CliRunner.Result result = cli.run("login", "--headless", "--timeout", "5s", "--no-download");

    assertThat(result.code()).as(result.toString()).isEqualTo(6);
    assertThat(result.err())
        .contains("no Chrome or Chromium found")
        .contains("qmcookie login --qr");
  }

  @Test
  void captureWithoutAProfileAsksForALoginAndStartsNoBrowser() {
    CliRunner.Result result = cli.run("capture", "--settle", "1s", "--no-download");

    assertThat(result.code()).as(result.toString()).isEqualTo(3);
    assertThat(result.err()).contains("has no browser profile yet").contains("qmcookie login");
    assertThat(home.resolve("default/chrome")).doesNotExist();
    assertThat(home.resolve("default/cookie.json")).doesNotExist();
  }

  @Test
  void aWindowWithoutADisplayIsRefusedWithAHint() {
    cli.env.remove("DISPLAY");
    cli.env.remove("WAYLAND_DISPLAY");

    CliRunner.Result result = cli.run("login", "--timeout", "5s");

    assertThat(result.code()).isEqualTo(ExitCodes.SETUP);
    assertThat(result.err()).contains("--headless").contains("xvfb-run");
  }
}
