package dev.qmcookie.capture;

import dev.qmcookie.browser.BrowserSession;
import dev.qmcookie.browser.LoginPage;
import dev.qmcookie.browser.QrCodes;
import dev.qmcookie.vault.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Follows the login QR code of a headless browser: opens the login dialog, refreshes an expired
 * code, and tells its {@link Screen} each new one; when none is found for a while, saves the page
 * once for a look.
 */
public final class LoginQr {
  static final Duration GIVE_UP_LOOKING_AFTER = Duration.ofSeconds(10);

  /** Where the codes are shown. */
  public interface Screen {
    /**
     * @param text what the code says, to draw
     * @param savedAs where its picture was saved too, or null
     */
    void show(String text, Path savedAs);

    /** No code was found on the page; it was saved as {@code screenshot}. */
    void missing(Path screenshot);
  }

  private final BrowserSession session;
  private final LoginPage page;
  private final Screen screen;
  private final Path pngOut;
  private final Path screenshotOut;
  private String shown;
  private boolean reportedMissing;

  /**
   * @param pngOut where to save the QR picture too ({@code --qr-png}), or null
   * @param screenshotOut where to save the page when no QR code can be found
   */
  public LoginQr(BrowserSession session, Screen screen, Path pngOut, Path screenshotOut) {
    this.session = session;
    this.page = new LoginPage(session.driver());
    this.screen = screen;
    this.pngOut = pngOut;
    this.screenshotOut = screenshotOut;
  }

  public void start() {
    page.openLoginDialog();
  }

  /** Called once a tick while waiting for the scan. */
  public void tick(Duration waited) throws IOException {
    page.refreshExpiredQrCode();
    Optional<byte[]> picture = page.qrCodePicture();
    Optional<String> text = picture.flatMap(QrCodes::decode);
    if (text.isPresent()) {
      if (!text.get().equals(shown)) {
        shown = text.get();
        if (pngOut != null) {
          AtomicFile.write(pngOut, picture.get());
        }
        screen.show(shown, pngOut);
      }
    } else if (shown == null && !reportedMissing && waited.compareTo(GIVE_UP_LOOKING_AFTER) >= 0) {
      reportedMissing = true;
      AtomicFile.write(screenshotOut, session.screenshot());
      screen.missing(screenshotOut);
    }
  }
}
