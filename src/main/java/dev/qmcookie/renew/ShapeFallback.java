package dev.qmcookie.renew;

import java.util.Set;

/**
 * Whether a refusal could be the request shape's fault, so that the other shape may be sent once in
 * the same attempt. Decided on the server's code and where it stood, not on how the code is
 * classified otherwise.
 */
final class ShapeFallback {
  /**
   * Parameter error, signature required, and the login-invalid codes shape B gives shape A's body.
   */
  static final Set<Integer> SHAPE_CODES = Set.of(20261, 2000, 1000, 104400, 104401);

  private ShapeFallback() {}

  /**
   * True for a server's refusal that a shape change could explain. Never after a network fault, a
   * timeout, an HTTP error or an unreadable body: the server may already have taken the request and
   * rotated the token, which a second request with the old one could only spoil.
   */
  static boolean explains(AttemptFailure f) {
    switch (f.source()) {
      case TOP_LEVEL:
        return f.code() != 0 && !meansTheSameInAnyShape(f.code());
      case REQUEST:
        return SHAPE_CODES.contains(f.code());
      default:
        return false;
    }
  }

  // A security check, an account problem, a device limit or "too frequent" is about the account or
  // the rate, not the body: the failure table says not to ask again within the attempt, and another
  // request could only make a limit worse.
  private static boolean meansTheSameInAnyShape(int code) {
    return AnswerCodes.VERIFICATION.contains(code)
        || AnswerCodes.BINDING.contains(code)
        || AnswerCodes.RESTRICTED.contains(code)
        || AnswerCodes.TOO_FREQUENT.contains(code)
        || code == AnswerCodes.BANNED
        || code == AnswerCodes.DEVICE_LIMIT;
  }
}
