package dev.qmcookie.cli;

import dev.qmcookie.browser.BrowserSession;
import dev.qmcookie.browser.LoginPage;
import dev.qmcookie.browser.QrCodes;
import dev.qmcookie.vault.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Shows the login QR code of a headless browser in the terminal, draws it again whenever the page
 * shows a new one, and refreshes it when it expires.
 */
final class QrPresenter {
  static final Duration GIVE_UP_LOOKING_AFTER = Duration.ofSeconds(10);

  private final BrowserSession session;
  private final LoginPage page;
  private final PrintWriter err;
  private final Path pngOut;
  private final Path screenshotOut;
  private String shown;
  private boolean reportedMissing;

  /**
   * @param pngOut where to save the QR picture too ({@code --qr-png}), or null
   * @param screenshotOut where to save the page when no QR code can be found
   */
  QrPresenter(BrowserSession session, PrintWriter err, Path pngOut, Path screenshotOut) {
    this.session = session;
    this.page = new LoginPage(session.driver());
    this.err = err;
    this.pngOut = pngOut;
    this.screenshotOut = screenshotOut;
  }

  void start() {
    page.openLoginDialog();
  }

  /** Called once a tick while waiting for the scan. */
  void tick(Duration waited) throws IOException {
    page.refreshExpiredQrCode();
    Optional<byte[]> picture = page.qrCodePicture();
    Optional<String> text = picture.flatMap(QrCodes::decode);
    if (text.isPresent()) {
      if (!text.get().equals(shown)) {
        shown = text.get();
        err.println();
        err.print(QrCodes.render(shown));
        err.println("Scan this QR code with the QQ app on your phone and confirm the login.");
        if (pngOut != null) {
          AtomicFile.write(pngOut, picture.get());
          err.println("The QR code is also saved as " + pngOut);
        }
        err.flush();
      }
    } else if (shown == null && !reportedMissing && waited.compareTo(GIVE_UP_LOOKING_AFTER) >= 0) {
      reportedMissing = true;
      AtomicFile.write(screenshotOut, session.screenshot());
      err.println();
      err.println(
          "qmcookie: warning: no QR code found on the login page (the site may have changed; see"
              + " docs/browser.md). A screenshot is saved as "
              + screenshotOut
              + ". Still waiting.");
      err.flush();
    }
  }
}
