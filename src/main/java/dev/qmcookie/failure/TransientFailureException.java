package dev.qmcookie.failure;

/**
 * A fault that may pass by itself: the network, a timeout, a server error, an unexpected answer.
 * The stored cookie is kept; trying again later is the right response.
 */
public final class TransientFailureException extends QmcookieException {
  private final int code;
  private final Verdict verdict;

  /**
   * @param code the server's code or HTTP status when there was one, else 0
   */
  public TransientFailureException(String message, int code, Throwable cause) {
    this(message, code, Verdict.PASSING, cause);
  }

  /**
   * @param verdict one that passes by itself: {@link Verdict#PASSING}, {@link
   *     Verdict#DEVICE_LIMIT}, {@link Verdict#TOO_FREQUENT} or {@link Verdict#REQUEST_REFUSED}
   */
  public TransientFailureException(String message, int code, Verdict verdict, Throwable cause) {
    super(message, cause);
    if (verdict.exitStatus() != ExitStatus.TRANSIENT) {
      throw new IllegalArgumentException(verdict + " is not a passing fault");
    }
    this.code = code;
    this.verdict = verdict;
  }

  public TransientFailureException(String message, int code) {
    this(message, code, null);
  }

  /** Which kind of passing fault. */
  public Verdict verdict() {
    return verdict;
  }

  /** The server's code or HTTP status when there was one, else 0. */
  public int code() {
    return code;
  }
}
