package dev.qmcookie.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTextTest {
  @Test
  void controlCharactersAndEscapeSequencesBecomeQuestionMarks() {
    String hostile = "a\r\nb\u0000c\u001B[2Jd\u001B]0;title\u0007e\u009B31mf\u007Fg\u2028h\ti";

    assertThat(MessageText.clean(hostile)).isEqualTo("a??b?c?d?e?f?g?h?i");
  }

  @Test
  void ordinaryTextIsKeptAsItIs() {
    String text = "the server answered with a web page: \"安全验证\" (line 1, column 7) – 100%";

    assertThat(MessageText.clean(text)).isEqualTo(text);
    assertThat(MessageText.line(text)).isEqualTo(text);
  }

  @Test
  void quotesAreCutTo200CharactersAndLinesTo1000() {
    String quoted = MessageText.quote("x".repeat(5000));
    String line = MessageText.line("y".repeat(5000));

    assertThat(quoted).hasSize(MessageText.QUOTE_LIMIT).endsWith("…").startsWith("xxx");
    assertThat(line).hasSize(MessageText.LINE_LIMIT).endsWith("…");
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "\uD83C\uDF75";
    String cut = MessageText.cut("a".repeat(198) + emoji + "b", 200);

    assertThat(cut).isEqualTo("a".repeat(198) + "…");
  }
}
