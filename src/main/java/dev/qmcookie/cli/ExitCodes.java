package dev.qmcookie.cli;

import dev.qmcookie.failure.ExitStatus;

/** The exit codes scripts rely on. Each means one thing. */
public final class ExitCodes {
  /** Success, or nothing was due. */
  public static final int OK = ExitStatus.OK;

  /** An unexpected error: a local file could not be read or written, or a bug. */
  public static final int INTERNAL = ExitStatus.INTERNAL;

  /** The command line was wrong. */
  public static final int USAGE = ExitStatus.USAGE;

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

  private ExitCodes() {}

  public static int of(Throwable t) {
    if (t instanceof picocli.CommandLine.ParameterException) {
      return USAGE;
    }
    return ExitStatus.of(t);
  }

  /** The code that needs more attention; see {@link ExitStatus#worst}. */
  public static int worst(int a, int b) {
    return ExitStatus.worst(a, b);
  }
}
