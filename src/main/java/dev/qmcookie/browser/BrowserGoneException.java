package dev.qmcookie.browser;

/** The browser went away during a session: the user closed it, or it crashed. */
public final class BrowserGoneException extends RuntimeException {
  public BrowserGoneException(String message, Throwable cause) {
    super(message, cause);
  }
}
