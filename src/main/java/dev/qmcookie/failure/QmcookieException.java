package dev.qmcookie.failure;

/**
 * Base of the failures a user can act on. The message is one line that says what happened and what
 * to do next; it never contains a secret.
 */
public abstract class QmcookieException extends RuntimeException {
  protected QmcookieException(String message) {
    super(message);
  }

  protected QmcookieException(String message, Throwable cause) {
    super(message, cause);
  }
}
