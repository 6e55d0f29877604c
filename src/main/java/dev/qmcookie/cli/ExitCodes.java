package dev.qmcookie.cli;

import dev.qmcookie.failure.ExitStatus;

/** The exit codes scripts rely on. Each means one thing. */
public final class ExitCodes {
  /** Success, or nothing was due. */
  public static final int OK = ExitStatus.OK;

  /** An unexpected error: a local file could not be read or written, or a bug. */
  public static final int INTERNAL = ExitStatus.INTERNAL;

  /** The command line was wrong. */
  public static final int USAGE = 2;

  /** The login is no longer valid: a new login is needed. */
  public static final int LOGIN_INVALID = ExitStatus.LOGIN_INVALID;

  /** A passing fault remained after the retries: try again later. */
  public static final int TRANSIENT = ExitStatus.TRANSIENT;

  /**
   * The input (cookie, file, flag value, a home or file that is not the user's alone) cannot be
   * used.
   */
  public static final int INVALID_INPUT = ExitStatus.INVALID_INPUT;

  /** This machine lacks what the command needs: a browser, a matching driver or a display. */
  public static final int SETUP = ExitStatus.SETUP;

  // From least to most in need of a human: used to pick the worst over several accounts. A
  // missing browser is below bad input: it stops only what needs a browser, and one install fixes
  // it for every account, while bad input names a value or file that must be fixed itself.
  private static final int[] SEVERITY = {
    OK, TRANSIENT, LOGIN_INVALID, SETUP, INVALID_INPUT, USAGE, INTERNAL
  };

  private ExitCodes() {}

  public static int of(Throwable t) {
    if (t instanceof picocli.CommandLine.ParameterException) {
      return USAGE;
    }
    return ExitStatus.of(t);
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
