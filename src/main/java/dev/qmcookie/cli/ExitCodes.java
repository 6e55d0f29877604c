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
  /** The input (cookie, file, value) cannot be used, or this machine lacks a browser or driver. */
  public static final int INVALID_INPUT = ExitStatus.INVALID_INPUT;

  // From least to most in need of a human: used to pick the worst over several accounts.
  private static final int[] SEVERITY = {OK, TRANSIENT, LOGIN_INVALID, INVALID_INPUT, USAGE, INTERNAL};

  private ExitCodes() {}

  public static int of(Throwable t) {
    if (t instanceof picocli.CommandLine.ParameterException) {
      return USAGE;
    }
    return ExitStatus.of(t);
  }

  /** The code that needs more attention: internal > usage > invalid input > login > transient > ok. */
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
