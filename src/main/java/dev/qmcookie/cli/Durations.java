package dev.qmcookie.cli;

import dev.qmcookie.account.DurationText;
import dev.qmcookie.account.Times;
import dev.qmcookie.failure.InvalidInputException;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as users write them ({@link DurationText}) and shows them the same way. */
public final class Durations implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * @throws TypeConversionException naming the accepted forms
   */
  public static Duration parse(String text) {
    try {
      return DurationText.parse(text);
    } catch (InvalidInputException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** Short human form: {@code 2d 3h}, {@code 3h 5m}, {@code 42s}. */
  public static String format(Duration d) {
    return Times.duration(d);
  }
}
