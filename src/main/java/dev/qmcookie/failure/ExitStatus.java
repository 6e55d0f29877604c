package dev.qmcookie.failure;

/**
 * The exit status each failure stands for. The command line exits with it, and the daemon hands the
 * same number to hooks, so that a script reads a failed renewal the same way from both.
 */
public final class ExitStatus {
  /** Success, or nothing was due. */
  public static final int OK = 0;

  /** An unexpected error: a local file could not be read or written, or a bug. */
  public static final int INTERNAL = 1;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** The login is no longer valid: a new login is needed. */
  public static final int LOGIN_INVALID = 3;

  /** A passing fault remained after the retries: try again later. */
  public static final int TRANSIENT = 4;

  /**
   * The input (cookie, file, flag value, a home or file that is not the user's alone) cannot be
   * used.
   */
  public static final int INVALID_INPUT = 5;

  /** This machine lacks what the command needs: a browser, a matching driver or a display. */
  public static final int SETUP = 6;

  // From least to most in need of a human: used to pick the worst over several accounts. A
  // missing browser is below bad input: it stops only what needs a browser, and one install fixes
  // it for every account, while bad input names a value or file that must be fixed itself.
  private static final int[] SEVERITY = {
    OK, TRANSIENT, LOGIN_INVALID, SETUP, INVALID_INPUT, USAGE, INTERNAL
  };

  private ExitStatus() {}

  public static int of(Throwable t) {
    if (t instanceof LoginInvalidException) {
      return LOGIN_INVALID;
    }
    if (t instanceof TransientFailureException) {
      return TRANSIENT;
    }
    if (t instanceof InvalidInputException) {
      return INVALID_INPUT;
    }
    if (t instanceof SetupException) {
      return SETUP;
    }
    return INTERNAL;
  }

  /**
   * The code that needs more attention: internal > usage > invalid input > setup > login >
   * transient > ok.
   */
  public static int worst(int a, int b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(int code) {
    for (int i = 0; i < SEVERITY.length; i++) {
      if (SEVERITY[i] == code) {
        return i;
      }
    }
    return SEVERITY.length;
  }
}
