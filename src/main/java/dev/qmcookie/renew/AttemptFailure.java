package dev.qmcookie.renew;

/** Why one renewal request failed, and whether another try may help. */
final class AttemptFailure extends Exception {
  enum Kind {
    /** Only a new login helps. */
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

  AttemptFailure(Kind kind, int code, String message) {
    this(kind, code, Source.NONE, message);
  }

  AttemptFailure(Kind kind, int code, Source source, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.source = source;
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
}
