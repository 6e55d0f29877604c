package dev.qmcookie.web;

import dev.qmcookie.qrlogin.QrImage;
import java.util.Optional;

/** QR logins where this build has none: every call is refused, and the page says so (503). */
public final class UnavailableQrLogins implements QrLogins {
  /** Thrown by every call; the page answers 503 with its message. */
  public static final class Unavailable extends UnsupportedOperationException {
    Unavailable() {
      super("QR logins from the page are not available in this version: run qmcookie login --qr");
    }
  }

  @Override
  public String start(String account, boolean weChat) {
    throw new Unavailable();
  }

  @Override
  public Optional<QrLoginView> view(String flowId) {
    throw new Unavailable();
  }

  @Override
  public Optional<QrImage> image(String flowId) {
    throw new Unavailable();
  }
}
