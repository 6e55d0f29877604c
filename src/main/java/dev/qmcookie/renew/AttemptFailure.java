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

  private final Kind kind;
  private final int code;

  AttemptFailure(Kind kind, int code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  Kind kind() {
    return kind;
  }

  int code() {
    return code;
  }
}
