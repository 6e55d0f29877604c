package dev.qmcookie.cli;

import dev.qmcookie.browser.QrCodes;
import dev.qmcookie.capture.LoginQr;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Shows a login QR code in the terminal: a headless browser's ({@link LoginQr}) or one of {@code
 * login --qr} ({@link QrScreen}).
 */
final class QrPresenter implements LoginQr.Screen {
  private final PrintWriter err;
  private final String app;

  QrPresenter(PrintWriter err) {
    this(err, "QQ");
  }

  /**
   * @param app the phone app that scans the code, as the user knows it
   */
  QrPresenter(PrintWriter err, String app) {
    this.err = err;
    this.app = app;
  }

  @Override
  public void show(String text, Path savedAs) {
    err.println();
    err.print(QrCodes.render(text));
    err.println("Scan this QR code with the " + app + " app on your phone and confirm the login.");
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
