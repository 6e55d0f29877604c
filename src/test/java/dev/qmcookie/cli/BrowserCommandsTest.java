package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.browser.QrCodes;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.selftest.SimulatedQqSite;
import dev.qmcookie.testkit.ProfilePageFake;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a real browser can show: login and capture with a real headless Chromium against the
 * simulated site, the QR code, and the browser's process. The fallback's and the setup's decisions
 * are tested without a browser (AccountRenewalTest, DaemonAccountsTest, BrowserSetupTest,
 * ProfileLockTest, LoginWatcherTest).
 */
class BrowserCommandsTest {
  @TempDir Path home;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    Chromium.require();
    cli = new CliRunner(home);
    cli.clock.advance(Duration.between(QqLogin.NOW, java.time.Instant.now()));
    cli.env.put("PATH", "/usr/bin:/bin");
    cli.env.put("QMCOOKIE_DRIVERS", home.resolve("no-drivers").toString());
  }

  CliRunner.Result run(SimulatedQqSite site, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    for (String sw : site.chromeSwitches()) {
      all.add("--browser-arg=" + sw);
    }
    all.addAll(List.of("--url", site.startUrl()));
    all.add("--no-download");
    return cli.run(all.toArray(String[]::new));
  }

  CookieRecord stored() throws Exception {
    return CookieFormats.readStoreDocument(new String(cli.storedBytes("default")));
  }

  @Test
  void headlessLoginShowsTheQrCodeCapturesEveryCookieAndChecksTheLogin() throws Exception {
    Path qrPng = home.resolve("qr.png");
    MockWebServer checkPage = new MockWebServer();
    checkPage.setDispatcher(new ProfilePageFake(SimulatedQqSite.KEY));
    checkPage.start(InetAddress.getLoopbackAddress(), 0);
    cli.env.put(CheckEndpointOption.ENV, checkPage.url("/check").toString());
    try (checkPage;
        SimulatedQqSite site = new SimulatedQqSite(Duration.ofSeconds(3))) {
      CliRunner.Result result =
          run(site, "login", "--headless", "--timeout", "60s", "--qr-png", qrPng.toString());

      assertThat(result.code()).as(result.toString()).isZero();
      // login checked what it stored with the server.
      assertThat(result.out()).contains("server: accepted");
      assertThat(checkPage.getRequestCount()).isEqualTo(1);
      // The QR code was found two iframes deep, decoded, drawn in the terminal and saved.
      assertThat(result.err()).contains("▀").contains("Scan this QR code");
      assertThat(QrCodes.decode(Files.readAllBytes(qrPng))).hasValue(SimulatedQqSite.QR_TEXT);
      assertThat(result.out()).contains("uin " + SimulatedQqSite.UIN);
    }
    CookieRecord record = stored();
    List<Cookie> cookies = record.cookies().asList();
    assertThat(cookies)
        .anySatisfy(
            c -> {
              assertThat(c.name()).isEqualTo("qqmusic_key");
              assertThat(c.httpOnly()).isTrue();
              assertThat(c.domain()).isEqualTo(".qq.com");
              assertThat(c.value()).isEqualTo(SimulatedQqSite.KEY);
            });
    assertThat(cookies)
        .anySatisfy(c -> assertThat(c.name() + "@" + c.domain()).isEqualTo("ts_last@y.qq.com"));
    assertThat(cookies)
        .anySatisfy(c -> assertThat(c.name() + "@" + c.domain()).isEqualTo("fqm_pvqid@.qq.com"));
    assertThat(cookies)
        .anySatisfy(
            c -> {
              assertThat(c.name() + "@" + c.domain()).isEqualTo("pt_login_sig@xui.ptlogin2.qq.com");
              assertThat(c.httpOnly()).isTrue();
            });
    assertThat(record.login().problems()).isEmpty();
    assertThat(record.metadata().userAgent()).contains("Chrome/").doesNotContain("Headless");
    assertThat(record.metadata().source()).isEqualTo("login:browser");
    assertThat(ImportCommandTest.perms(home.resolve("default/chrome"))).isEqualTo("rwx------");

    // The profile persisted: a new browser on it sees the login, even with the vault emptied.
    // --no-check: nothing goes to the check endpoint, which is closed by now.
    Files.delete(home.resolve("default/cookie.json"));
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      CliRunner.Result capture = run(site, "capture", "--settle", "1s", "--no-check");

      assertThat(capture.code()).as(capture.toString()).isZero();
      assertThat(capture.out()).contains("captured").doesNotContain("server:");
      assertThat(stored().login().musicKey()).isEqualTo(SimulatedQqSite.KEY);
      assertThat(stored().metadata().source()).isEqualTo("capture:browser");
    }
  }

  @Test
  void anExpiredQrCodeIsRefreshedAndDrawnAgain() throws Exception {
    Path qrPng = home.resolve("qr.png");
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofSeconds(6), Duration.ofSeconds(2))) {
      CliRunner.Result result =
          run(site, "login", "--headless", "--timeout", "60s", "--qr-png", qrPng.toString());

      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(result.err().split("Scan this QR code", -1).length - 1)
          .as(result.err())
          .isGreaterThanOrEqualTo(2);
      assertThat(QrCodes.decode(Files.readAllBytes(qrPng)).orElseThrow())
          .startsWith(SimulatedQqSite.QR_TEXT + "&refresh=");
    }
  }

  @Test
  void aPageWithoutAQrCodeIsReportedWithAScreenshotAndTheWaitGoesOn() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "login",
                  "--headless",
                  "--timeout",
                  "14s",
                  "--no-download",
                  "--url",
                  "http://y.qq.com/a-page-the-site-moved"));
      site.chromeSwitches().forEach(sw -> args.add("--browser-arg=" + sw));

      CliRunner.Result result = cli.run(args.toArray(String[]::new));

      assertThat(result.code()).as(result.toString()).isEqualTo(3);
      assertThat(result.err())
          .contains("no QR code found")
          .contains("docs/browser.md")
          .contains("Still waiting")
          .contains("no login was completed");
      Path screenshot = home.resolve("default/login-page.png");
      assertThat(javax.imageio.ImageIO.read(screenshot.toFile()))
          .as("a PNG of the page")
          .isNotNull();
      assertThat(home.resolve("default/cookie.json")).doesNotExist();
    }
  }

  @Test
  void sigtermDuringALoginQuitsTheBrowser() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "login",
                  "--headless",
                  "--timeout",
                  "120s",
                  "--no-download",
                  "--home",
                  home.toString(),
                  "--url",
                  site.startUrl()));
      site.chromeSwitches().forEach(sw -> args.add("--browser-arg=" + sw));
      Process login = MainProcessTest.start(args.toArray(String[]::new));
      String profile = home.resolve("default/chrome").toString();
      try (var err =
          new java.io.BufferedReader(new java.io.InputStreamReader(login.getErrorStream()))) {
        String line;
        while ((line = err.readLine()) != null && !line.contains("waiting for QQ authorization")) {
          // Chrome is up once the wait begins.
        }
        assertThat(browsersOn(profile)).as("a browser runs on the profile").isPositive();

        login.destroy(); // SIGTERM, as Ctrl-C or a supervisor would send
        assertThat(login.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (browsersOn(profile) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(browsersOn(profile)).as("no browser left behind").isZero();
      assertThat(home.resolve("default/cookie.json")).doesNotExist();
    }
  }

  @Test
  void aBrowserThatGoesAwayWhileItsProfileIsReadIsAPassingFaultAndNothingIsWritten()
      throws Exception {
    Files.createDirectories(home.resolve("default/chrome"));
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      String profile = home.resolve("default/chrome").toString();
      java.util.concurrent.CompletableFuture<CliRunner.Result> capture =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> run(site, "capture", "--settle", "6s"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (browsersOn(profile) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(1000);
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains("--user-data-dir=" + profile))
          .forEach(ProcessHandle::destroyForcibly); // a crash, or a stop under it

      CliRunner.Result result = capture.get(60, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(result.code()).as(result.toString()).isEqualTo(4);
      assertThat(result.err())
          .contains("the browser closed or stopped answering")
          .contains("while the profile was read; the stored cookie was kept")
          .doesNotContain("unexpected error");
      assertThat(home.resolve("default/cookie.json")).doesNotExist();
    }
  }

  @Test
  void aBrowserThatGoesAwayDuringTheLoginIsAClearExitThree() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      String profile = home.resolve("default/chrome").toString();
      java.util.concurrent.CompletableFuture<CliRunner.Result> login =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> run(site, "login", "--headless", "--timeout", "60s"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (browsersOn(profile) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(1000);
      ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains("--user-data-dir=" + profile))
          .forEach(ProcessHandle::destroyForcibly); // as if the user closed the window

      CliRunner.Result result = login.get(60, java.util.concurrent.TimeUnit.SECONDS);

      assertThat(result.code()).as(result.toString()).isEqualTo(3);
      assertThat(result.err()).contains("the browser closed before the login completed");
      assertThat(home.resolve("default/cookie.json")).doesNotExist();
    }
  }

  static long browsersOn(String profile) {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.isAlive()
                    && p.info().commandLine().orElse("").contains("--user-data-dir=" + profile))
        .count();
  }
}
