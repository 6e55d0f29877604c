package dev.qmcookie.failure;

/**
 * This machine lacks something the command needs, such as a browser, a matching driver or a
 * display. The message names what was looked for and how to install or choose it.
 */
public final class SetupException extends QmcookieException {
  public SetupException(String message) {
    super(message);
  }

  public SetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
