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

  /** Where {@link #code()} came from. */
  enum Source {
    /** No server code: a network fault, an HTTP status, or an answer that could not be read. */
    NONE,
    /** The answer's top-level {@code code}: the whole request was rejected. */
    TOP_LEVEL,
    /** The code of the request inside the answer ({@code req1.code}). */
    REQUEST
  }

  private final Kind kind;
  private final int code;
  private final Source source;
  private final Verdict verdict;
  private final String feedbackUrl;

  AttemptFailure(Kind kind, int code, String message) {
    this(kind, code, Source.NONE, message);
  }

  AttemptFailure(Kind kind, int code, Source source, String message) {
    this(
        kind,
        code,
        source,
        kind == Kind.LOGIN_INVALID ? Verdict.NEEDS_LOGIN : Verdict.PASSING,
        null,
        message);
  }

  /**
   * @param feedbackUrl a checked http(s) link the server gave for a security check, or null
   */
  AttemptFailure(
      Kind kind, int code, Source source, Verdict verdict, String feedbackUrl, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.source = source;
    this.verdict = verdict;
    this.feedbackUrl = feedbackUrl;
  }

  Kind kind() {
    return kind;
  }

  int code() {
    return code;
  }

  Source source() {
    return source;
  }

  /** Whether {@link #code} was the whole answer's code, not the request's own. */
  boolean topLevel() {
    return source == Source.TOP_LEVEL;
  }

  Verdict verdict() {
    return verdict;
  }

  /** The server's link for a security check, or null. */
  String feedbackUrl() {
    return feedbackUrl;
  }
}
