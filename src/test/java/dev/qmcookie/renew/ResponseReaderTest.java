package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseReaderTest {
  static final String UIN = "123456789";
  static final String GOOD =
      "{\"code\":0,\"req1\":{\"code\":0,\"data\":{\"musicid\":123456789,\"str_musicid\":\"123456789\","
          + "\"musickey\":\"Q_H_L_new\"}}}";

  static AttemptFailure failure(int status, String contentType, String body) {
    return catchThrowableOfType(
        AttemptFailure.class, () -> ResponseReader.data(status, contentType, body, UIN));
  }

  @Test
  void aGoodAnswerGivesItsData() throws Exception {
    JsonNode data = ResponseReader.data(200, "application/json", GOOD, UIN);

    assertThat(data.get("musickey").asText()).isEqualTo("Q_H_L_new");
  }

  @Test
  void jsonServedAsTextIsStillRead() throws Exception {
    assertThat(
            ResponseReader.data(200, "text/plain", "  " + GOOD + "\n", UIN)
                .get("musickey")
                .asText())
        .isEqualTo("Q_H_L_new");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "top-level 1000 | {\"code\":1000}                                   | LOGIN_INVALID | 1000",
        "req1 104400    | {\"code\":0,\"req1\":{\"code\":104400}}           | LOGIN_INVALID | 104400",
        "req1 104401    | {\"code\":0,\"req1\":{\"code\":104401}}           | LOGIN_INVALID | 104401",
        "unsigned 2000  | {\"code\":2000}                                   | STOP          | 2000",
        "too frequent   | {\"code\":0,\"req1\":{\"code\":104604}}           | STOP          | 104604",
        "other code     | {\"code\":0,\"req1\":{\"code\":-100}}             | RETRY         | -100",
        "no req1        | {\"code\":0}                                      | RETRY         | 0",
        "empty key      | {\"code\":0,\"req1\":{\"code\":0,\"data\":{\"musickey\":\"\"}}} | RETRY | 0",
        "not an object  | [1,2]                                             | RETRY         | 0",
        "truncated      | {\"code\":0,\"req1\":{\"code\":0,\"da             | RETRY         | 0",
        "wrong musicid  | {\"code\":0,\"req1\":{\"code\":0,\"data\":{\"musicid\":42,\"musickey\":\"Q_H_L_x\"}}} | STOP | 0",
        "wrong str_musicid | {\"code\":0,\"req1\":{\"code\":0,\"data\":{\"str_musicid\":\"42\",\"musickey\":\"Q_H_L_x\"}}} | STOP | 0",
      })
  void answersAreClassified(String name, String body, AttemptFailure.Kind kind, int code) {
    AttemptFailure f = failure(200, "application/json", body);

    assertThat(f).as(name).isNotNull();
    assertThat(f.kind()).as(name).isEqualTo(kind);
    assertThat(f.code()).as(name).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({"429, RETRY", "500, RETRY", "503, RETRY", "302, RETRY", "404, RETRY"})
  void httpFailuresAreRetried(int status, AttemptFailure.Kind kind) {
    AttemptFailure f = failure(status, "text/plain", "");

    assertThat(f.kind()).isEqualTo(kind);
    assertThat(f.getMessage()).contains(Integer.toString(status));
  }

  @Test
  void anHtmlPageIsQuotedByItsTitleOrElseItsText() {
    AttemptFailure titled =
        failure(200, "text/html", "<html><head><title> 安全验证 </title></head><body>x</body></html>");
    AttemptFailure untitled = failure(200, null, "<div><p>Access   denied</p> by firewall</div>");
    String longText = "<p>" + "blocked ".repeat(40) + "</p>";

    assertThat(titled.getMessage()).contains("\"安全验证\"").contains("web page");
    assertThat(untitled.getMessage()).contains("\"Access denied by firewall\"");
    assertThat(failure(200, "text/html", longText).getMessage()).contains("…").hasSizeLessThan(200);
  }

  @Test
  void jsonLabelledAsHtmlIsStillRead() throws Exception {
    assertThat(
            ResponseReader.data(200, "text/html; charset=utf-8", GOOD, UIN)
                .get("musickey")
                .asText())
        .isEqualTo("Q_H_L_new");
  }

  @Test
  void anAnswerForAnotherAccountIsRejectedEvenWithoutAKey() {
    AttemptFailure f =
        failure(
            200,
            "application/json",
            "{\"code\":0,\"req1\":{\"code\":0,\"data\":{\"musicid\":42,\"musickey\":\"\"}}}");

    assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.STOP);
    assertThat(f.getMessage()).contains("42");
  }

  @Test
  void aMalformedAnswerIsRetriedWithoutQuotingIt() {
    // The parser's own message would be "Unrecognized token 'Q_H_L_unquotedSECRET'".
    AttemptFailure f =
        failure(
            200, "application/json", "{\"req1\":{\"data\":{\"musickey\":Q_H_L_unquotedSECRET}}}");

    assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.RETRY);
    assertThat(f.getMessage())
        .contains("malformed (line 1, column")
        .doesNotContain("unquotedSECRET");
  }

  @Test
  void terminalEscapesAndControlCharactersInAPageTitleNeverReachTheMessage() {
    // A window-title OSC, a colour, a screen clear (as an entity) and a bell.
    String page =
        "<html><head><title>Blocked\u001B]0;owned\u0007\u001B[31m by&#27;[2J firewall\u0007</title></head></html>";

    AttemptFailure f = failure(200, "text/html", page);

    assertThat(f.getMessage())
        .contains("\"Blocked?? by? firewall\"")
        .doesNotContain("\u001B")
        .doesNotContain("\u0007")
        .doesNotContain("owned")
        .doesNotContain("[31m")
        .doesNotContain("[2J");
  }

  @Test
  void aLongForeignAccountIdIsQuotedAtMost200Characters() {
    String body =
        GOOD.replace(
            "\"str_musicid\":\"123456789\"", "\"str_musicid\":\"" + "5".repeat(5000) + "\"");

    AttemptFailure f = failure(200, "application/json", body);

    assertThat(f.kind()).isEqualTo(AttemptFailure.Kind.STOP);
    assertThat(f.getMessage()).contains("5".repeat(150)).hasSizeLessThan(300);
  }

  @Test
  void anEmptyBodyIsRetried() {
    assertThat(failure(200, "application/json", " ").kind()).isEqualTo(AttemptFailure.Kind.RETRY);
  }

  @Test
  void zeroAndNullReadAsNoValue() throws Exception {
    JsonNode data =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree("{\"a\":0,\"b\":null,\"c\":\"0\",\"d\":1795580000,\"e\":\"x\",\"f\":{}}");

    assertThat(ResponseReader.text(data, "a")).isEmpty();
    assertThat(ResponseReader.text(data, "b")).isEmpty();
    assertThat(ResponseReader.text(data, "c")).isEmpty();
    assertThat(ResponseReader.text(data, "d")).isEqualTo("1795580000");
    assertThat(ResponseReader.text(data, "e")).isEqualTo("x");
    assertThat(ResponseReader.text(data, "f")).isEmpty();
    assertThat(ResponseReader.text(data, "missing")).isEmpty();
  }
}
