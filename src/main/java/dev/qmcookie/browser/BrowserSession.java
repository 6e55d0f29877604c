package dev.qmcookie.browser;

import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.failure.SetupException;
import dev.qmcookie.failure.TransientFailureException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One Chrome started by qmcookie on an account's profile. It is always quit: by {@link #close()},
 * and by a shutdown hook on Ctrl-C or SIGTERM, because cookies reach the profile on disk only when
 * Chrome quits cleanly.
 */
public final class BrowserSession implements AutoCloseable {
  private static final Duration PAGE_LOAD_LIMIT = Duration.ofSeconds(60);

  private final ChromeDriver driver;
  private final Thread quitOnExit;
  private boolean closed;

  private BrowserSession(ChromeDriver driver) {
    this.driver = driver;
    this.quitOnExit = new Thread(this::quitQuietly, "quit-browser");
  }

  /**
   * Quits the browser when the process exits, or at once when it is exiting already (a stop signal
   * came while the browser started): a browser left running would hold the profile's lock.
   *
   * @throws TransientFailureException in that second case
   */
  private BrowserSession quitOnExit() {
    try {
      Runtime.getRuntime().addShutdownHook(quitOnExit);
      return this;
    } catch (IllegalStateException exiting) {
      quitQuietly();
      throw new TransientFailureException(
          "qmcookie is stopping, so the browser it had just started was closed again; the next run"
              + " tries again",
          0);
    }
  }

  /**
   * Starts Chrome with the spec's profile and switches.
   *
   * @throws SetupException when Chrome or its driver cannot start
   */
  public static BrowserSession launch(LaunchSpec spec) {
    // Selenium Manager, which may download a driver, runs only for a service without an executable:
    // naming the driver that DriverLocator chose keeps it out, per session, with no JVM-wide
    // switch.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(spec.driver().path().toFile())
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(spec.browser().path().toFile());
    options.addArguments(spec.arguments());
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_LIMIT);
      return new BrowserSession(driver).quitOnExit();
    } catch (WebDriverException e) {
      throw new SetupException(
          spec.browser().version()
              + " did not start with "
              + spec.driver().path()
              + ": "
              + firstLine(e.getMessage())
              + ". Run qmcookie doctor for a check of this machine",
          e);
    }
  }

  /**
   * Opens {@code url}; a page that keeps loading is used as far as it got.
   *
   * @throws BrowserGoneException when the browser was closed or crashed
   */
  public void open(String url) {
    try {
      driver.get(url);
    } catch (TimeoutException e) {
      // The site's scripts and cookies work before the last tracker finishes loading.
    } catch (WebDriverException e) {
      throw gone(e);
    }
  }

  /**
   * Every cookie of the browser, on every domain, HttpOnly ones included.
   *
   * @throws BrowserGoneException when the browser was closed or crashed
   */
  public CookieSet cookies() {
    try {
      return CdpCookies.from(driver.executeCdpCommand("Network.getAllCookies", Map.of()));
    } catch (WebDriverException e) {
      throw gone(e);
    }
  }

  /**
   * The User-Agent this browser sends, as an ordinary Chrome's.
   *
   * @throws BrowserGoneException when the browser was closed or crashed
   */
  public String userAgent() {
    try {
      Object ua = driver.executeScript("return navigator.userAgent");
      return UserAgents.withoutHeadless(String.valueOf(ua));
    } catch (WebDriverException e) {
      throw gone(e);
    }
  }

  // Callers see one type of their own, so they need no Selenium class to handle it.
  private static BrowserGoneException gone(WebDriverException e) {
    return new BrowserGoneException(
        "the browser closed or stopped answering: " + firstLine(e.getMessage()), e);
  }

  /** The driver, for page work such as finding the QR code. */
  public WebDriver driver() {
    return driver;
  }

  /** A PNG of the visible page, for diagnosis. */
  public byte[] screenshot() {
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  @Override
  public void close() {
    quitQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(quitOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to; it quits the same browser.
    }
  }

  private synchronized void quitQuietly() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      driver.quit();
    } catch (WebDriverException e) {
      // Already gone; nothing left to quit.
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }
}
