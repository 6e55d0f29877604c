package dev.qmcookie.failure;

/**
 * A fault that may pass by itself: the network, a timeout, a server error, an unexpected answer.
 * The stored cookie is kept; trying again later is the right response.
 */
public final class TransientFailureException extends QmcookieException {
  private final int code;

  /**
   * @param code the server's code or HTTP status when there was one, else 0
   */
  public TransientFailureException(String message, int code, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public TransientFailureException(String message, int code) {
    this(message, code, null);
  }

  /** The server's code or HTTP status when there was one, else 0. */
  public int code() {
    return code;
  }
}
