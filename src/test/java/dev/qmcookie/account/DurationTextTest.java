package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
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
    assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "20", "h", "-5m", "5 m", "1w", "PT", "twenty hours", "99999999999999999999d"})
  void rejectsAnythingElseAsInvalidInputNamingTheForms(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "'" + text + "' is not a duration: write it like 90s, 5m, 20h, 1d, 1h30m or PT20H");
  }
}
