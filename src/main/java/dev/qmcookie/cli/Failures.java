package dev.qmcookie.cli;

import dev.qmcookie.failure.FailureText;
import dev.qmcookie.failure.MessageText;
import java.io.PrintWriter;

/** Turns any failure into its exit code and one line that says what to do next. */
final class Failures {
  private Failures() {}

  /**
   * Prints the failure as one line (with the stack trace when {@code verbose}) and returns its exit
   * code.
   *
   * @param prefix put before the message, such as {@code "account x: "}; may be empty
   */
  static int report(PrintWriter err, Throwable t, String prefix, boolean verbose) {
    err.println("qmcookie: " + MessageText.line(prefix + FailureText.describe(t)));
    if (verbose) {
      t.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.of(t);
  }
}
