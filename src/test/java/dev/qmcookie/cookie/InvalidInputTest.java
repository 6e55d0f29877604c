package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Input that holds no usable cookie fails with an {@link InvalidInputException} that says why. */
class InvalidInputTest {

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\n\r\n\t", "\uFEFF", "\uFEFF  \n"})
  void emptyInputSaysItIsEmpty(String text) {
    assertThatThrownBy(() -> CookieFormats.read(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("empty");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // input | a fragment the message must contain
        "hello world | not a name=value pair",
        "<html><body>安全验证</body></html> | header",
        "; ; ; | no cookie found in the header input",
        "Cookie: | no cookie found",
        "{not json | not valid JSON (line 1",
        "`[{\"name\": \"a\",` | not valid JSON",
        "{\"foo\": 1} | neither a qmcookie export nor a Playwright storageState",
        "[] | no cookie found in the cookie-editor input",
        "`{\"cookies\": [], \"origins\": []}` | no cookie found in the playwright input",
        "`{\"format\": \"qmcookie\", \"version\": 1, \"cookies\": []}` | no cookie found in the json input",
        "`[\"uin=1\"]` | has no name",
        "`{\"format\": \"qmcookie\", \"version\": \"one\", \"cookies\": []}` | upgrade qmcookie",
      })
  void garbageFailsWithAHelpfulMessage(String text, String fragment) {
    assertThatThrownBy(() -> CookieFormats.read(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(fragment.strip());
  }

  @Test
  void jsonNestedTooDeeplySaysSoInsteadOfAnUnknownPosition() {
    String text = "[".repeat(5000) + "]".repeat(5000);

    assertThatThrownBy(() -> CookieFormats.read(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nested more than 1000 levels deep")
        .hasMessageNotContaining("unknown position");
  }
}
