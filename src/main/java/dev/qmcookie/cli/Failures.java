package dev.qmcookie.cli;

import dev.qmcookie.failure.MessageText;
import dev.qmcookie.failure.QmcookieException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

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
    err.println("qmcookie: " + MessageText.line(prefix + describe(t)));
    if (verbose) {
      t.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.of(t);
  }

  /**
   * The failure as one line. Cleaned here, the one place every message passes: messages quote
   * file names, input and server text, which may carry control bytes or terminal escapes.
   */
  static String describe(Throwable t) {
    return MessageText.line(rawDescription(t));
  }

  private static String rawDescription(Throwable t) {
    if (t instanceof QmcookieException) {
      return t.getMessage();
    }
    Throwable cause = t instanceof UncheckedIOException ? t.getCause() : t;
    if (cause instanceof AccessDeniedException) {
      return "permission denied: "
          + ((FileSystemException) cause).getFile()
          + "; check the owner and mode of the qmcookie home";
    }
    if (cause instanceof FileSystemException) {
      FileSystemException f = (FileSystemException) cause;
      return "cannot use "
          + f.getFile()
          + (f.getReason() == null ? "" : ": " + f.getReason())
          + " ("
          + cause.getClass().getSimpleName()
          + ")";
    }
    if (cause instanceof IOException) {
      return "file error: " + cause.getMessage();
    }
    return "unexpected error: " + t + " (run again with --verbose for details, and report it)";
  }
}
