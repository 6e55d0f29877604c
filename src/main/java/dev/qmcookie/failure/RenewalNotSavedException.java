package dev.qmcookie.failure;

/**
 * The server renewed the login, which retires the old key, but the new cookie could not be stored.
 * The message says where the new cookie was put aside, if anywhere, and how to import it. It is a
 * local file failure, so the CLI exits 1 like for any other.
 */
public final class RenewalNotSavedException extends QmcookieException {
  public RenewalNotSavedException(String message, Throwable cause) {
    super(message, cause);
  }
}
