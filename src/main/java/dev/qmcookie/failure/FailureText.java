package dev.qmcookie.failure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/**
 * Any failure as one line that says what to do next. Shared by the command line and the daemon's
 * log, hooks and notifications, so that both word a failure the same way.
 */
public final class FailureText {
  private FailureText() {}

  /**
   * The failure as one line. Cleaned here, the one place every message passes: messages quote file
   * names, input and server text, which may carry control bytes or terminal escapes.
   */
  public static String describe(Throwable t) {
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
