package dev.qmcookie.failure;

import java.util.regex.Pattern;

/**
 * Makes text from outside (a pasted file, a server's page) safe to put in a message for a terminal
 * or a log line: no control characters, no terminal escape sequences, no unbounded length.
 */
public final class MessageText {
  /** The most characters of outside text a message quotes. */
  public static final int QUOTE_LIMIT = 200;

  /**
   * The most characters of a whole rendered message; long enough for every message qmcookie builds.
   */
  public static final int LINE_LIMIT = 1000;

  // ESC (or the one-byte CSI) with what follows: CSI "ESC [ params final", OSC "ESC ] ... BEL|ST",
  // and two-character sequences. Removed whole, so that no "[31m" residue is left behind.
  private static final Pattern ESCAPE_SEQUENCE =
      Pattern.compile(
          "(?:\\u001B\\[|\\u009B)[0-?]*[ -/]*[@-~]?"
              + "|(?:\\u001B\\]|\\u009D)[^\\u0007\\u001B\\u009C]*(?:\\u0007|\\u001B\\\\|\\u009C)?"
              + "|\\u001B[@-Z\\\\-_]?");
  // C0, DEL and C1 controls, and the Unicode line and paragraph separators, which also break lines.
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

  private MessageText() {}

  /** {@code text} with each escape sequence and control character replaced by {@code ?}. */
  public static String clean(String text) {
    if (text == null) {
      return "";
    }
    String noEscapes = ESCAPE_SEQUENCE.matcher(text).replaceAll("?");
    return CONTROL.matcher(noEscapes).replaceAll("?");
  }

  /** {@link #clean} text cut to {@link #QUOTE_LIMIT} characters, for quoting inside a message. */
  public static String quote(String text) {
    return cut(clean(text), QUOTE_LIMIT);
  }

  /** A whole message as one printable line of at most {@link #LINE_LIMIT} characters. */
  public static String line(String message) {
    return cut(clean(message), LINE_LIMIT);
  }

  /**
   * {@code text} cut to {@code max} characters, the cut marked with "…"; never splits a surrogate
   * pair.
   */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
