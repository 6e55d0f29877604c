package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "90s, PT1M30S",
    "5m, PT5M",
    "20h, PT20H",
    "1d, PT24H",
    "1h30m, PT1H30M",
    "PT20H, PT20H",
    "pt90m, PT1H30M",
    "500ms, PT0.5S",
    "' 2H ', PT2H"
  })
  void readsTheWrittenForms(String text, String iso) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "20", "h", "-5m", "5 m", "1w", "PT", "twenty hours", "99999999999999999999d"})
  void rejectsAnythingElseNamingTheForms(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("90s");
  }

  @ParameterizedTest
  @CsvSource({"PT42S, 42s", "PT5M7S, 5m 7s", "PT3H5M, 3h 5m", "PT51H, 2d 3h", "PT-2H, 2h 0m"})
  void showsDurationsShort(String iso, String shown) {
    assertThat(Durations.format(Duration.parse(iso))).isEqualTo(shown);
  }
}
