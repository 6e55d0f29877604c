package dev.qmcookie.cli;

import dev.qmcookie.browser.QrCodes;
import dev.qmcookie.qrlogin.QrImage;
import dev.qmcookie.qrlogin.QrLogin;
import dev.qmcookie.vault.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code login --qr} shows on stderr while it waits: each code drawn in half blocks, and one
 * line per change of state, so that a log of an unattended run stays short.
 */
final class QrScreen implements QrLogin.Listener {
  private final PrintWriter err;
  private final QrPresenter presenter;
  private final Path pngOut;

  /**
   * @param app the phone app that scans the code
   * @param pngOut where to save each code as a PNG too ({@code --qr-png}), or null
   */
  QrScreen(PrintWriter err, String app, Path pngOut) {
    this.err = err;
    this.presenter = new QrPresenter(err, app);
    this.pngOut = pngOut;
  }

  @Override
  public void qrCode(QrImage image) {
    byte[] bytes = image.bytes();
    Path saved = pngOut != null && save(bytes) ? pngOut : null;
    Optional<String> text = QrCodes.decode(bytes);
    if (text.isPresent()) {
      presenter.show(text.get(), saved);
      return;
    }
    // The phone can still scan the picture itself; without one there is nothing to scan.
    err.println(
        "qmcookie: warning: the login's QR picture ("
            + image.mediaType()
            + ") could not be read"
            + (saved != null ? "; it is saved as " + saved : "; save it with --qr-png FILE"));
    err.flush();
  }

  @Override
  public void waiting() {
    line("waiting for the QR code to be scanned…");
  }

  @Override
  public void scanned() {
    line("scanned: confirm the login on your phone…");
  }

  @Override
  public void expired() {
    line("the QR code expired; a new one follows");
  }

  private boolean save(byte[] image) {
    Optional<byte[]> png = QrCodes.toPng(image);
    if (png.isEmpty()) {
      return false;
    }
    try {
      AtomicFile.write(pngOut, png.get());
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void line(String text) {
    err.println(text);
    err.flush();
  }
}
