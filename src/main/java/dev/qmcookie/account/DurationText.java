package dev.qmcookie.account;

import dev.qmcookie.failure.InvalidInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: {@code 500ms}, {@code 90s}, {@code 5m}, {@code 20h}, {@code 1d},
 * combined as {@code 1h30m}, or ISO-8601 ({@code PT20H}). Beside {@link Times}, which shows them.
 */
public final class DurationText {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|[dhms])");
  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|[dhms]))+");

  private DurationText() {}

  /**
   * @throws InvalidInputException naming the accepted forms
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    if (!WHOLE.matcher(t).matches()) {
      throw invalid(text);
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(t);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "d":
            total = total.plusDays(n);
            break;
          case "h":
            total = total.plusHours(n);
            break;
          case "m":
            total = total.plusMinutes(n);
            break;
          case "ms":
            total = total.plusMillis(n);
            break;
          default:
            total = total.plusSeconds(n);
        }
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw invalid(text);
    }
    return total;
  }

  private static InvalidInputException invalid(String text) {
    return new InvalidInputException(
        "'" + text + "' is not a duration: write it like 90s, 5m, 20h, 1d, 1h30m or PT20H");
  }
}
