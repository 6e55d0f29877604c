package dev.qmcookie.cli;

import dev.qmcookie.browser.BrowserSession;
import dev.qmcookie.browser.QrCodes;
import dev.qmcookie.capture.LoginQr;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** Shows the login QR code of a headless browser ({@link LoginQr}) in the terminal. */
final class QrPresenter implements LoginQr.Screen {
  private final PrintWriter err;
  private final LoginQr qr;

  /**
   * @param pngOut where to save the QR picture too ({@code --qr-png}), or null
   * @param screenshotOut where to save the page when no QR code can be found
   */
  QrPresenter(BrowserSession session, PrintWriter err, Path pngOut, Path screenshotOut) {
    this.err = err;
    this.qr = new LoginQr(session, this, pngOut, screenshotOut);
  }

  void start() {
    qr.start();
  }

  /** Called once a tick while waiting for the scan. */
  void tick(Duration waited) throws IOException {
    qr.tick(waited);
  }

  @Override
  public void show(String text, Path savedAs) {
    err.println();
    err.print(QrCodes.render(text));
    err.println("Scan this QR code with the QQ app on your phone and confirm the login.");
    if (savedAs != null) {
      err.println("The QR code is also saved as " + savedAs);
    }
    err.flush();
  }

  @Override
  public void missing(Path screenshot) {
    err.println();
    err.println(
        "qmcookie: warning: no QR code found on the login page (the site may have changed; see"
            + " docs/browser.md). A screenshot is saved as "
            + screenshot
            + ". Still waiting.");
    err.flush();
  }
}
