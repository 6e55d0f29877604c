package dev.qmcookie.failure;

/**
 * The exit status each failure stands for. The command line exits with it, and the daemon hands
 * the same number to hooks, so that a script reads a failed renewal the same way from both.
 */
public final class ExitStatus {
  /** Success, or nothing was due. */
  public static final int OK = 0;
  /** An unexpected error: a local file could not be read or written, or a bug. */
  public static final int INTERNAL = 1;
  /** The login is no longer valid: a new login is needed. */
  public static final int LOGIN_INVALID = 3;
  /** A passing fault remained after the retries: try again later. */
  public static final int TRANSIENT = 4;
  /** The input (cookie, file, value) cannot be used, or this machine lacks a browser or driver. */
  public static final int INVALID_INPUT = 5;

  private ExitStatus() {}

  public static int of(Throwable t) {
    if (t instanceof LoginInvalidException) {
      return LOGIN_INVALID;
    }
    if (t instanceof TransientFailureException) {
      return TRANSIENT;
    }
    if (t instanceof InvalidInputException || t instanceof SetupException) {
      return INVALID_INPUT;
    }
    return INTERNAL;
  }
}
