package dev.qmcookie.web;

import dev.qmcookie.qrlogin.QrImage;
import java.util.Optional;

/** The QR logins the daemon runs for the page: one flow per account at a time. */
public interface QrLogins {
  /** Starts a flow; throws IllegalStateException carrying the running flow's id if one runs. */
  String start(String account, boolean weChat);

  /** The flow's state, empty for an unknown or forgotten id. */
  Optional<QrLoginView> view(String flowId);

  /** The flow's current code, empty before the first one. */
  Optional<QrImage> image(String flowId);
}
