package dev.qmcookie.vault;

import java.io.IOException;

/**
 * A save that did not land because another writer stored a newer cookie since this one read it (a
 * shared store's fencing): the newer cookie stays the stored one, and this one must not replace it.
 */
public final class NewerCookieStoredException extends IOException {
  public NewerCookieStoredException(String message) {
    super(message);
  }
}
