package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

/**
 * Only what the picocli converter adds: the written forms themselves are {@code
 * account/DurationTextTest}'s.
 */
class DurationsTest {
  @Test
  void convertsAnOptionValueWithTheWrittenForms() {
    assertThat(new Durations().convert("1h30m")).isEqualTo(Duration.parse("PT1H30M"));
  }

  @Test
  void rejectsAsAConversionErrorNamingTheForms() {
    // picocli reports a TypeConversionException as a usage error of that option, not a crash.
    assertThatThrownBy(() -> new Durations().convert("5 m"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'5 m' is not a duration: write it like 90s, 5m, 20h, 1d, 1h30m or PT20H");
  }

  @ParameterizedTest
  @CsvSource({"PT42S, 42s", "PT5M7S, 5m 7s", "PT3H5M, 3h 5m", "PT51H, 2d 3h", "PT-2H, 2h 0m"})
  void showsDurationsShort(String iso, String shown) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(shown);
  }
}
