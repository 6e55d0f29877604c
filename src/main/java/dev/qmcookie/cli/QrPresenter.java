package dev.qmcookie.cli;

import dev.qmcookie.browser.QrCodes;
import dev.qmcookie.capture.LoginQr;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Shows the login QR code of a headless browser ({@link LoginQr}) in the terminal. */
final class QrPresenter implements LoginQr.Screen {
  private final PrintWriter err;

  QrPresenter(PrintWriter err) {
    this.err = err;
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
