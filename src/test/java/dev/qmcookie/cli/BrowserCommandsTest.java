package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.browser.QrCodes;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.selftest.SimulatedQqSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** login, capture and the renewal fallback with a real headless Chromium against the simulated site. */
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
  void headlessLoginShowsTheQrCodeAndCapturesEveryCookie() throws Exception {
    Path qrPng = home.resolve("qr.png");
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofSeconds(3))) {
      CliRunner.Result result = run(site, "login", "--headless", "--timeout", "60s", "--qr-png", qrPng.toString());

      assertThat(result.code()).as(result.toString()).isZero();
      // The QR code was found two iframes deep, decoded, drawn in the terminal and saved.
      assertThat(result.err()).contains("▀").contains("Scan this QR code");
      assertThat(QrCodes.decode(Files.readAllBytes(qrPng))).hasValue(SimulatedQqSite.QR_TEXT);
      assertThat(result.out()).contains("uin " + SimulatedQqSite.UIN);
    }
    CookieRecord record = stored();
    List<Cookie> cookies = record.cookies().asList();
    assertThat(cookies).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("qqmusic_key");
      assertThat(c.httpOnly()).isTrue();
      assertThat(c.domain()).isEqualTo(".qq.com");
      assertThat(c.value()).isEqualTo(SimulatedQqSite.KEY);
    });
    assertThat(cookies).anySatisfy(c -> assertThat(c.name() + "@" + c.domain()).isEqualTo("ts_last@y.qq.com"));
    assertThat(cookies).anySatisfy(c -> assertThat(c.name() + "@" + c.domain()).isEqualTo("fqm_pvqid@.qq.com"));
    assertThat(cookies)
        .anySatisfy(c -> {
          assertThat(c.name() + "@" + c.domain()).isEqualTo("pt_login_sig@xui.ptlogin2.qq.com");
          assertThat(c.httpOnly()).isTrue();
        });
    assertThat(record.login().problems()).isEmpty();
    assertThat(record.metadata().userAgent()).contains("Chrome/").doesNotContain("Headless");
    assertThat(record.metadata().source()).isEqualTo("login:browser");
    assertThat(ImportCommandTest.perms(home.resolve("default/chrome"))).isEqualTo("rwx------");

    // The profile persisted: a new browser on it sees the login, even with the vault emptied.
    Files.delete(home.resolve("default/cookie.json"));
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      CliRunner.Result capture = run(site, "capture", "--settle", "1s");

      assertThat(capture.code()).as(capture.toString()).isZero();
      assertThat(capture.out()).contains("captured");
      assertThat(stored().login().musicKey()).isEqualTo(SimulatedQqSite.KEY);
      assertThat(stored().metadata().source()).isEqualTo("capture:browser");
    }
  }

  /**
   * Logs in through the browser, then puts an older key of the same account in the vault, one the
   * started {@code endpoint} refuses (104401) however often it is asked; returns its URL.
   */
  private String loginThenStoreAnOlderKeyTheServerRefuses(SimulatedQqSite site, mockwebserver3.MockWebServer endpoint)
      throws Exception {
    assertThat(run(site, "login", "--headless", "--timeout", "60s").code()).isZero();
    String old = QqLogin.header(SimulatedQqSite.UIN, "Q_H_L_63k3NoldVAULTkey", cli.clock.instant().minus(Duration.ofHours(21)));
    cli.runWithInput(old, "import", "--replace");
    endpoint.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return RenewalAnswers.code(0, 104401);
      }
    });
    endpoint.start(java.net.InetAddress.getLoopbackAddress(), 0);
    return endpoint.url("/cgi-bin/musicu.fcg").toString();
  }

  @Test
  void aRefusedHttpRenewalFallsBackToTheBrowserProfile() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofSeconds(1));
        mockwebserver3.MockWebServer endpoint = new mockwebserver3.MockWebServer()) {
      String url = loginThenStoreAnOlderKeyTheServerRefuses(site, endpoint);

      CliRunner.Result refused = run(site, "renew", "--endpoint", url, "--no-browser-fallback");
      assertThat(refused.code()).as(refused.toString()).isEqualTo(3);
      assertThat(stored().login().musicKey()).isEqualTo("Q_H_L_63k3NoldVAULTkey");

      CliRunner.Result result = run(site, "renew", "--endpoint", url, "--force");

      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(result.err()).contains("104401").contains("trying the browser profile");
      assertThat(result.out()).contains("renewed via browser");
      assertThat(stored().login().musicKey()).isEqualTo(SimulatedQqSite.KEY);
      assertThat(cli.history("default")).last().asString().contains("\"via\":\"browser\"").contains("renewed");
    }
  }

  @Test
  void theDaemonFallsBackToTheBrowserProfileWhenTheServerRefusesTheLogin() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofSeconds(1));
        mockwebserver3.MockWebServer endpoint = new mockwebserver3.MockWebServer()) {
      String url = loginThenStoreAnOlderKeyTheServerRefuses(site, endpoint);

      // The default schedule: the vault's 21-hour-old key is due at once, the captured one not for 20 h.
      List<String> args = new ArrayList<>(List.of("daemon", "--home", home.toString(),
          "--jitter", "0s", "--endpoint", url, "--no-download",
          "--url", site.startUrl()));
      site.chromeSwitches().forEach(sw -> args.add("--browser-arg=" + sw));
      ProcessBuilder pb = MainProcessTest.command(args.toArray(String[]::new));
      pb.environment().put("PATH", "/usr/bin:/bin");
      pb.environment().put("QMCOOKIE_DRIVERS", home.resolve("no-drivers").toString());
      Path logFile = home.resolve("daemon.log");
      Process daemon = pb.redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
      DaemonProcessTest.DaemonLog log = new DaemonProcessTest.DaemonLog(logFile);
      try {
        DaemonProcessTest.await(() -> log.toString().contains(" renewed account=default via=browser"), log);
      } finally {
        daemon.destroy();
        daemon.waitFor(20, TimeUnit.SECONDS);
      }

      assertThat(daemon.exitValue()).as(log.toString()).isZero();
      assertThat(endpoint.getRequestCount()).as("a refused login is not retried over HTTP").isEqualTo(1);
      assertThat(stored().login().musicKey()).isEqualTo(SimulatedQqSite.KEY);
      assertThat(log.toString()).doesNotContain("needs-login account=default").doesNotContain(SimulatedQqSite.KEY);
    }
  }

  @Test
  void anExpiredQrCodeIsRefreshedAndDrawnAgain() throws Exception {
    Path qrPng = home.resolve("qr.png");
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofSeconds(6), Duration.ofSeconds(2))) {
      CliRunner.Result result = run(site, "login", "--headless", "--timeout", "60s", "--qr-png", qrPng.toString());

      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(result.err().split("Scan this QR code", -1).length - 1).as(result.err()).isGreaterThanOrEqualTo(2);
      assertThat(QrCodes.decode(Files.readAllBytes(qrPng)).orElseThrow()).startsWith(SimulatedQqSite.QR_TEXT + "&refresh=");
    }
  }

  @Test
  void aPageWithoutAQrCodeIsReportedWithAScreenshotAndTheWaitGoesOn() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      List<String> args = new ArrayList<>(List.of("login", "--headless", "--timeout", "14s", "--no-download",
          "--url", "http://y.qq.com/a-page-the-site-moved"));
      site.chromeSwitches().forEach(sw -> args.add("--browser-arg=" + sw));

      CliRunner.Result result = cli.run(args.toArray(String[]::new));

      assertThat(result.code()).as(result.toString()).isEqualTo(3);
      assertThat(result.err()).contains("no QR code found").contains("docs/browser.md").contains("Still waiting")
          .contains("no login was completed");
      Path screenshot = home.resolve("default/login-page.png");
      assertThat(javax.imageio.ImageIO.read(screenshot.toFile())).as("a PNG of the page").isNotNull();
      assertThat(home.resolve("default/cookie.json")).doesNotExist();
    }
  }

  @Test
  void renewViaBrowserReadsTheProfileDirectly() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofSeconds(1))) {
      assertThat(run(site, "login", "--headless", "--timeout", "60s").code()).isZero();
      String old = QqLogin.header(SimulatedQqSite.UIN, "Q_H_L_63k3NoldVAULTkey", cli.clock.instant().minus(Duration.ofHours(30)));
      cli.runWithInput(old, "import", "--replace");

      CliRunner.Result result = run(site, "renew", "--via", "browser", "--endpoint", "http://127.0.0.1:9/never-called");

      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(result.out()).contains("renewed via browser");
      assertThat(stored().login().musicKey()).isEqualTo(SimulatedQqSite.KEY);
    }
  }

  @Test
  void sigtermDuringALoginQuitsTheBrowser() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      List<String> args = new ArrayList<>(List.of("login", "--headless", "--timeout", "120s", "--no-download",
          "--home", home.toString(), "--url", site.startUrl()));
      site.chromeSwitches().forEach(sw -> args.add("--browser-arg=" + sw));
      Process login = MainProcessTest.start(args.toArray(String[]::new));
      String profile = home.resolve("default/chrome").toString();
      try (var err = new java.io.BufferedReader(new java.io.InputStreamReader(login.getErrorStream()))) {
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
  void aBrowserThatGoesAwayDuringTheLoginIsAClearExitThree() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      String profile = home.resolve("default/chrome").toString();
      java.util.concurrent.CompletableFuture<CliRunner.Result> login =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> run(site, "login", "--headless", "--timeout", "60s"));
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
        .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("--user-data-dir=" + profile))
        .count();
  }

  @Test
  void captureOfAProfileThatIsNotLoggedInExitsThreeAndWritesNothing() throws Exception {
    Files.createDirectories(home.resolve("default/chrome"));
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      CliRunner.Result result = run(site, "capture", "--settle", "1s");

      assertThat(result.code()).as(result.toString()).isEqualTo(3);
      assertThat(result.err()).contains("not logged in").contains("qmcookie login");
    }
    assertThat(home.resolve("default/cookie.json")).doesNotExist();
  }

  @Test
  void aLoginThatNeverCompletesTimesOutWithExitThreeAndWritesNothing() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      long start = System.nanoTime();
      CliRunner.Result result = run(site, "login", "--headless", "--timeout", "4s");

      assertThat(result.code()).as(result.toString()).isEqualTo(3);
      assertThat(result.err()).contains("no login was completed").contains("nothing was written");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }
    assertThat(home.resolve("default/cookie.json")).doesNotExist();
  }

  @Test
  void aProfileInUseIsAClearErrorAndStartsNoBrowser() throws Exception {
    Path profile = home.resolve("default/chrome");
    Files.createDirectories(profile);
    long livePid = ProcessHandle.current().pid();
    Files.createSymbolicLink(profile.resolve("SingletonLock"), Path.of(BrowserLauncher.hostName() + "-" + livePid));

    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      CliRunner.Result result = run(site, "login", "--headless", "--timeout", "5s");

      assertThat(result.code()).isEqualTo(4);
      assertThat(result.err()).contains("in use by process " + livePid);
    }
    try (var files = Files.list(profile)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("SingletonLock");
    }
  }

  @Test
  void aStaleLockLeftByACrashIsRemoved() throws Exception {
    Path profile = home.resolve("default/chrome");
    Files.createDirectories(profile);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.createSymbolicLink(profile.resolve("SingletonLock"), Path.of(BrowserLauncher.hostName() + "-" + gone.pid()));

    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      CliRunner.Result result = run(site, "capture", "--settle", "1s");

      // It started the browser (the profile is simply not logged in) instead of failing on the lock.
      assertThat(result.code()).as(result.toString()).isEqualTo(3);
      assertThat(result.err()).contains("not logged in");
    }
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
