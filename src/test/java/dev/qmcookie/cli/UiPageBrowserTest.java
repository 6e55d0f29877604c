package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.selftest.SimulatedQrLogin;
import dev.qmcookie.testkit.RenewalAnswers;
import java.io.File;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The daemon's page in a real headless Chromium: a daemon process whose QQ hosts are routed to the
 * simulated QR login and whose renewals go to a MockWebServer. The user signs in, finds the account
 * that lost its login, logs it in again by QR code without reloading the page, and renews it.
 */
class UiPageBrowserTest {
  static final String OLD_KEY = "Q_H_L_63k3NlostLOGINkey000000001";
  static final String RENEWED_KEY = "Q_H_L_63k3NrenewedPAGEkey00001";
  static final Pattern LISTENING = Pattern.compile("listening address=127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path tmp;
  Path home;

  @BeforeEach
  void setUp() {
    Chromium.require();
    home = tmp.resolve("home");
  }

  @Test
  void aLostLoginIsBroughtBackByQrCodeFromThePageAndRenewsAfterwards() throws Exception {
    CliRunner cli = new CliRunner(home);
    cli.clock.advance(Duration.between(QqLogin.NOW, Instant.now()));
    // Due (older than --renew-after 12h) but not expired: the daemon's first renewal finds the
    // login refused, so the account starts in needs-login.
    cli.importCookie(
        "music",
        QqLogin.header(SimulatedQrLogin.UIN, OLD_KEY, Instant.now().minus(Duration.ofHours(13))),
        "--no-check");
    List<String> renewalBodies = new CopyOnWriteArrayList<>();
    try (SimulatedQrLogin phone = new SimulatedQrLogin();
        MockWebServer renewals = new MockWebServer()) {
      // Long enough unscanned for the page to show the code, then scanned and confirmed.
      phone.keysCreatedNow().qqStates("66", "66", "66", "67", "0");
      renewals.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String body = request.getBody() == null ? "" : request.getBody().utf8();
              renewalBodies.add(body);
              return body.contains(OLD_KEY)
                  ? RenewalAnswers.code(0, 104401)
                  : RenewalAnswers.success(SimulatedQrLogin.UIN, RENEWED_KEY, Instant.now());
            }
          });
      renewals.start(InetAddress.getByName("127.0.0.1"), 0);
      Path logFile = tmp.resolve("daemon.log");
      ProcessBuilder pb =
          MainProcessTest.command(
              "daemon",
              "--home",
              home.toString(),
              "--listen",
              "127.0.0.1:0",
              "--renew-after",
              "12h",
              "--jitter",
              "0s",
              "--shape",
              "a",
              "--no-check",
              "--no-browser-fallback",
              "--route",
              "u6.y.qq.com=http://127.0.0.1:"
                  + renewals.getPort()
                  + ",*.qq.com=http://127.0.0.1:"
                  + phone.port());
      pb.environment().remove(CheckEndpointOption.ENV);
      Process daemon = pb.redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
      DaemonProcessTest.DaemonLog log = new DaemonProcessTest.DaemonLog(logFile);
      ChromeDriver browser = null;
      try {
        DaemonProcessTest.await(
            () ->
                LISTENING.matcher(log.toString()).find()
                    && log.toString().contains(" needs-login account=music"),
            log);
        Matcher m = LISTENING.matcher(log.toString());
        assertThat(m.find()).isTrue();
        String page = "http://127.0.0.1:" + m.group(1) + "/ui/";
        String token = Files.readString(home.resolve("api-token")).trim();

        ChromeDriver chrome = chromium();
        browser = chrome;
        // What a timeout prints: the daemon's log and where the browser is.
        Object seen =
            new Object() {
              @Override
              public String toString() {
                return log
                    + "\nbrowser at "
                    + chrome.getCurrentUrl()
                    + ":\n"
                    + chrome.getPageSource();
              }
            };
        JavascriptExecutor js = chrome;
        chrome.get(page);
        chrome.findElement(By.id("token")).sendKeys(token);
        chrome.findElement(By.cssSelector("form[action='/ui/signin'] button")).click();

        By state = By.cssSelector("#account-music .state");
        until(() -> chrome.findElements(state).size() == 1, seen);
        assertThat(chrome.findElement(state).getText()).isEqualTo("needs-login");
        assertThat(chrome.getCurrentUrl()).doesNotContain(token);
        String window = chrome.getWindowHandle();
        js.executeScript("window.qmcookieTestMarker = 'same page';");
        assertThat(
                (String)
                    js.executeScript(
                        "return getComputedStyle(arguments[0]).backgroundColor;",
                        chrome.findElement(state)))
            .as("the page's styles colour the state badge")
            .isNotIn("rgba(0, 0, 0, 0)", "transparent", "");
        screenshots(chrome);

        chrome.findElement(By.cssSelector("#account-music button.login-qq")).click();
        WebElement qr = chrome.findElement(By.id("qr-image"));
        until(
            () ->
                Boolean.TRUE.equals(
                    js.executeScript(
                        "const i = arguments[0];"
                            + " return !i.hidden && i.complete && i.naturalWidth > 0;",
                        qr)),
            seen);

        until(() -> chrome.findElement(state).getText().equals("fresh"), seen);
        assertThat(chrome.getWindowHandle()).isEqualTo(window);
        assertThat(js.executeScript("return window.qmcookieTestMarker;"))
            .as("no reload: the page's own state survived")
            .isEqualTo("same page");
        assertThat(phone.userAgents()).allMatch(ua -> ua.contains("Chrome/"));
        assertThat(log.toString())
            .as("the daemon logged the flow it ran")
            .contains("qr-login account=music kind=qq state=waiting")
            .contains("qr-login account=music kind=qq state=done");

        int before = renewalBodies.size();
        chrome.findElement(By.cssSelector("#account-music button.renew-now")).click();
        DaemonProcessTest.await(
            () -> renewalBodies.size() > before && log.toString().contains("renewed account=music"),
            seen);
        assertThat(renewalBodies.get(before))
            .as("the renewal sent the key the QR login brought")
            .contains(SimulatedQrLogin.QQ_KEY);
        until(() -> chrome.findElement(state).getText().equals("fresh"), seen);
        assertThat(chrome.getPageSource())
            .doesNotContain(SimulatedQrLogin.QQ_KEY)
            .doesNotContain(RENEWED_KEY)
            .doesNotContain(SimulatedQrLogin.REFRESH_KEY)
            .doesNotContain(token);
      } finally {
        if (browser != null) {
          browser.quit();
        }
        daemon.destroy();
        daemon.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  // As DaemonProcessTest.await, with an element not there yet taken as "not yet".
  static void until(BooleanSupplier condition, Object log) throws InterruptedException {
    DaemonProcessTest.await(
        () -> {
          try {
            return condition.getAsBoolean();
          } catch (WebDriverException notYet) {
            return false;
          }
        },
        log);
  }

  static ChromeDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Chromium.BROWSER.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,800");
    // The driver is Debian's: Selenium Manager is never asked to find or download one.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Chromium.DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  // The table at a desktop's width, then a phone's, for the docs and for a person to look at.
  static void screenshots(ChromeDriver browser) throws Exception {
    Path target = Path.of("target");
    Files.createDirectories(target);
    browser.manage().window().setSize(new Dimension(1280, 800));
    File desktop = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(
        desktop.toPath(), target.resolve("ui-desktop.png"), StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(new Dimension(390, 844));
    File phone = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(phone.toPath(), target.resolve("ui-phone.png"), StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(new Dimension(1280, 800));
  }
}
