package dev.qmcookie.renew;

import dev.qmcookie.failure.Verdict;

/** Why one renewal request failed, and whether another try may help. */
final class AttemptFailure extends Exception {
  enum Kind {
    /** Only a person can help: a new login, a security check, the account's owner. */
    LOGIN_INVALID,
    /** A passing fault: try again after a pause. */
    RETRY,
    /** Trying again the same way will not help, but the login may still be fine. */
    STOP
  }

  private final Kind kind;
  private final int code;
  private final boolean topLevel;
  private final Verdict verdict;
  private final String feedbackUrl;

  AttemptFailure(Kind kind, int code, String message) {
    this(
        kind,
        code,
        false,
        kind == Kind.LOGIN_INVALID ? Verdict.NEEDS_LOGIN : Verdict.PASSING,
        null,
        message);
  }

  /**
   * @param topLevel whether {@code code} was the answer's own code rather than the request's
   * @param feedbackUrl a checked http(s) link the server gave for a security check, or null
   */
  AttemptFailure(
      Kind kind, int code, boolean topLevel, Verdict verdict, String feedbackUrl, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.topLevel = topLevel;
    this.verdict = verdict;
    this.feedbackUrl = feedbackUrl;
  }

  Kind kind() {
    return kind;
  }

  /** The server's code or HTTP status, 0 when there was none. */
  int code() {
    return code;
  }

  /** Whether {@link #code} was the whole answer's code, not the request's own. */
  boolean topLevel() {
    return topLevel;
  }

  Verdict verdict() {
    return verdict;
  }

  /** The server's link for a security check, or null. */
  String feedbackUrl() {
    return feedbackUrl;
  }
}
