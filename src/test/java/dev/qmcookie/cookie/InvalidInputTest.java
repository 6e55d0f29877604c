package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import java.util.List;
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
        "{\"foo\": 1} | neither a qmcookie export, a Playwright storageState nor a qqmusicapi credential",
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

  @Test
  void aLongBadValueIsQuotedAtMost200Characters() {
    String netscape = ".qq.com\tTRUE\t/\tFALSE\t" + "7x".repeat(5000) + "\tuin\t1\n";
    String json = "{\"format\": \"" + "f".repeat(5000) + "\"}";
    List<String> uinProblems =
        MusicLogin.of(CookieSet.of(List.of(Cookie.of("uin", "9x".repeat(5000))))).problems();

    assertThatThrownBy(() -> CookieFormats.read(netscape))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not a number")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    assertThatThrownBy(() -> CookieFormats.read(json))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(350));
    assertThat(uinProblems)
        .first()
        .asString()
        .contains("not an account number")
        .hasSizeLessThan(260);
  }
}
