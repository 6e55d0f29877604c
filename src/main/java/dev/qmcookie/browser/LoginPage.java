package dev.qmcookie.browser;

import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * The parts of y.qq.com that a headless login touches. The site changes them from time to time:
 * every selector lives here, and {@code docs/browser.md} says how to update them.
 */
public final class LoginPage {
  /** The "登录" link in the page header that opens the login dialog. */
  static final List<By> LOGIN_BUTTONS =
      List.of(By.cssSelector(".top_login__link"), By.cssSelector("a.login"), By.linkText("登录"));

  /** The QR code image of QQ's login page (ptlogin), which sits in nested iframes of the dialog. */
  static final List<By> QR_IMAGES =
      List.of(
          By.id("qrlogin_img"),
          By.cssSelector("#qr_area img"),
          By.cssSelector("img[src*='ptqrshow']"));

  /** The "expired, click to refresh" cover over an old QR code. */
  static final List<By> QR_EXPIRED = List.of(By.id("qr_invalid"), By.cssSelector(".qr_invalid"));

  private static final int MAX_FRAME_DEPTH = 3;

  private final WebDriver driver;

  public LoginPage(WebDriver driver) {
    this.driver = driver;
  }

  /** Clicks the header's login link; false when the page has none (maybe already logged in). */
  public boolean openLoginDialog() {
    try {
      driver.switchTo().defaultContent();
      Optional<WebElement> button = firstVisible(LOGIN_BUTTONS);
      if (button.isEmpty()) {
        return false;
      }
      button.get().click();
      return true;
    } catch (WebDriverException e) {
      // A page that moved on, or a browser that went away: the login's wait notices the latter
      // and says the browser closed, where an escaping exception read as an internal error.
      return false;
    }
  }

  /** A PNG of the QR code as it is drawn on the page, searched in every frame. */
  public Optional<byte[]> qrCodePicture() {
    return inAnyFrame(
        () -> firstVisible(QR_IMAGES).map(img -> img.getScreenshotAs(OutputType.BYTES)));
  }

  /** Clicks the refresh cover of an expired QR code; true when there was one. */
  public boolean refreshExpiredQrCode() {
    return inAnyFrame(
            () -> {
              Optional<WebElement> cover = firstVisible(QR_EXPIRED);
              cover.ifPresent(WebElement::click);
              return cover.map(c -> Boolean.TRUE);
            })
        .orElse(false);
  }

  private <T> Optional<T> inAnyFrame(java.util.function.Supplier<Optional<T>> search) {
    try {
      driver.switchTo().defaultContent();
      return search(search, 0);
    } catch (WebDriverException e) {
      // The page moved on (a redirect after login, a reloaded frame): nothing to find this time.
      return Optional.empty();
    } finally {
      try {
        driver.switchTo().defaultContent();
      } catch (WebDriverException ignored) {
        // The browser is going away; the caller notices.
      }
    }
  }

  private <T> Optional<T> search(java.util.function.Supplier<Optional<T>> search, int depth) {
    Optional<T> here = search.get();
    if (here.isPresent() || depth >= MAX_FRAME_DEPTH) {
      return here;
    }
    for (WebElement frame : driver.findElements(By.tagName("iframe"))) {
      driver.switchTo().frame(frame);
      Optional<T> inside = search(search, depth + 1);
      if (inside.isPresent()) {
        return inside;
      }
      driver.switchTo().parentFrame();
    }
    return Optional.empty();
  }

  private Optional<WebElement> firstVisible(List<By> selectors) {
    for (By by : selectors) {
      for (WebElement e : driver.findElements(by)) {
        if (e.isDisplayed()) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }
}
