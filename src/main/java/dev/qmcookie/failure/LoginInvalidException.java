package dev.qmcookie.failure;

/** The login is no longer valid (expired key, or the server said so): only a new login helps. */
public final class LoginInvalidException extends QmcookieException {
  private final int code;

  /**
   * @param code the server's code, or 0 when the key was judged expired locally
   */
  public LoginInvalidException(String message, int code) {
    super(message);
    this.code = code;
  }

  /** The server's code, or 0 when no server answered. */
  public int code() {
    return code;
  }
}
