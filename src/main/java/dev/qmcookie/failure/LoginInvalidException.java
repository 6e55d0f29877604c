package dev.qmcookie.failure;

/** The login is no longer valid (expired key, or the server said so): only a new login helps. */
public final class LoginInvalidException extends QmcookieException {
  private final int code;
  private final Verdict verdict;
  private final String feedbackUrl;

  /**
   * @param code the server's code, or 0 when the key was judged expired locally
   */
  public LoginInvalidException(String message, int code) {
    this(message, code, Verdict.NEEDS_LOGIN, null);
  }

  /**
   * @param verdict one that needs a person: {@link Verdict#NEEDS_LOGIN}, {@link
   *     Verdict#NEEDS_VERIFICATION} or {@link Verdict#ACCOUNT_PROBLEM}
   * @param feedbackUrl the page where the server wants the check done, or null
   */
  public LoginInvalidException(String message, int code, Verdict verdict, String feedbackUrl) {
    super(message);
    if (verdict.exitStatus() != ExitStatus.LOGIN_INVALID) {
      throw new IllegalArgumentException(verdict + " is not a refused login");
    }
    this.code = code;
    this.verdict = verdict;
    this.feedbackUrl = feedbackUrl;
  }

  /** Why a person is needed. */
  public Verdict verdict() {
    return verdict;
  }

  /** The server's page for a security check, or null. */
  public String feedbackUrl() {
    return feedbackUrl;
  }

  /** The server's code, or 0 when no server answered. */
  public int code() {
    return code;
  }
}
