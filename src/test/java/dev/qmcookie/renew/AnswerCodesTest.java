package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qmcookie.failure.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerCodesTest {
  static AttemptFailure failure(String body) {
    return catchThrowableOfType(
        AttemptFailure.class,
        () -> ResponseReader.data(200, "application/json", body, ResponseReaderTest.UIN));
  }

  static AttemptFailure inReq1(int code) {
    return failure("{\"code\":0,\"req1\":{\"code\":" + code + ",\"data\":{}}}");
  }

  @ParameterizedTest(name = "code {0}")
  @CsvSource({
    "1000,   LOGIN_INVALID, NEEDS_LOGIN,        no longer valid",
    "104400, LOGIN_INVALID, NEEDS_LOGIN,        no longer valid",
    "104401, LOGIN_INVALID, NEEDS_LOGIN,        no longer valid",
    "2001,   LOGIN_INVALID, NEEDS_VERIFICATION, complete the check",
    "20254,  LOGIN_INVALID, NEEDS_VERIFICATION, complete the check",
    "20276,  LOGIN_INVALID, NEEDS_VERIFICATION, complete the check",
    "20272,  LOGIN_INVALID, ACCOUNT_PROBLEM,    bind it in the QQ Music app",
    "20274,  LOGIN_INVALID, ACCOUNT_PROBLEM,    bind it in the QQ Music app",
    "20277,  LOGIN_INVALID, ACCOUNT_PROBLEM,    unblock it in the QQ Music app",
    "20278,  LOGIN_INVALID, ACCOUNT_PROBLEM,    unblock it in the QQ Music app",
    "20450,  LOGIN_INVALID, ACCOUNT_PROBLEM,    banned",
    "20279,  STOP,          DEVICE_LIMIT,       nothing merged",
    "104604, STOP,          TOO_FREQUENT,       too frequent",
    "100001, STOP,          TOO_FREQUENT,       too frequent",
    "2000,   STOP,          REQUEST_REFUSED,    --shape",
    "20261,  STOP,          REQUEST_REFUSED,    --shape",
    "20271,  STOP,          PASSING,            wrong verification code",
    "-100,   RETRY,         PASSING,            code -100",
  })
  void everyCodeOfTheTableHasItsVerdict(
      int code, AttemptFailure.Kind kind, Verdict verdict, String messagePart) {
    for (AttemptFailure f :
        new AttemptFailure[] {inReq1(code), failure("{\"code\":" + code + "}")}) {
      assertThat(f.kind()).isEqualTo(kind);
      assertThat(f.verdict()).isEqualTo(verdict);
      assertThat(f.code()).isEqualTo(code);
      assertThat(f.getMessage()).contains(messagePart).contains(Integer.toString(code));
    }
    assertThat(inReq1(code).topLevel()).isFalse();
    assertThat(failure("{\"code\":" + code + "}").topLevel()).isTrue();
  }

  @Test
  void aVerificationQuotesItsFeedbackLink() {
    AttemptFailure f =
        failure(
            "{\"code\":0,\"req1\":{\"code\":2001,\"data\":{\"feedbackURL\":"
                + "\"https://y.qq.com/n/verify?ticket=abc\"}}}");

    assertThat(f.feedbackUrl()).isEqualTo("https://y.qq.com/n/verify?ticket=abc");
    assertThat(f.getMessage())
        .contains("open y.qq.com in the browser that logged in (qmcookie login)")
        .contains("\"https://y.qq.com/n/verify?ticket=abc\"");
  }

  @Test
  void aFeedbackLinkThatIsNotPlainHttpOrTooLongIsNotQuoted() {
    for (String link :
        new String[] {
          "javascript:alert(1)",
          "file:///etc/passwd",
          "https://y.qq.com/" + "a".repeat(500),
          "https://y.qq.com/\u001B[31mred"
        }) {
      AttemptFailure f =
          failure(
              "{\"code\":2001,\"feedbackURL\":\""
                  + link.replace("\u001B", "\\u001b")
                  + "\",\"req1\":{\"code\":0}}");

      assertThat(f.verdict()).isEqualTo(Verdict.NEEDS_VERIFICATION);
      assertThat(f.getMessage()).doesNotContain("javascript").doesNotContain("\u001B");
      if (f.feedbackUrl() != null) {
        assertThat(f.feedbackUrl()).startsWith("https://y.qq.com/").doesNotContain("\u001B");
      }
    }
    assertThat(failure("{\"code\":2001,\"feedbackURL\":\"file:///etc/passwd\"}").feedbackUrl())
        .isNull();
  }

  @Test
  void anAccountProblemQuotesTheServersOwnWordsSafely() {
    AttemptFailure f =
        failure(
            "{\"code\":0,\"req1\":{\"code\":20450,\"errMsg\":\"账号已封禁\\u001b[2J "
                + "x".repeat(300)
                + "\"}}");

    assertThat(f.verdict()).isEqualTo(Verdict.ACCOUNT_PROBLEM);
    assertThat(f.getMessage())
        .contains("\"账号已封禁?")
        .contains("…\"")
        .doesNotContain("\u001B")
        .doesNotContain("x".repeat(130));
  }

  @Test
  void errtipInTheDataIsQuotedToo() {
    AttemptFailure f =
        failure("{\"code\":0,\"req1\":{\"code\":20272,\"data\":{\"errtip\":\"请先绑定QQ号\"}}}");

    assertThat(f.getMessage()).contains("\"请先绑定QQ号\"").contains("bind");
  }

  @Test
  void aTopLevelVerificationFindsItsLinkInsideTheRequestsPart() {
    AttemptFailure f =
        failure(
            "{\"code\":2001,\"req_0\":{\"code\":2001,\"data\":{\"feedbackURL\":"
                + "\"https://y.qq.com/verify\"}}}");

    assertThat(f.topLevel()).isTrue();
    assertThat(f.feedbackUrl()).isEqualTo("https://y.qq.com/verify");
  }

  @Test
  void onlyHttpsLinksOnQqComMayBeOpened() {
    assertThat(FeedbackLink.openable("https://y.qq.com/verify")).isTrue();
    assertThat(FeedbackLink.openable("https://qq.com/")).isTrue();
    assertThat(FeedbackLink.openable("http://y.qq.com/verify")).isFalse();
    assertThat(FeedbackLink.openable("https://evilqq.com/")).isFalse();
    assertThat(FeedbackLink.openable("https://qq.com.evil.example/")).isFalse();
    assertThat(FeedbackLink.openable("javascript:alert(1)")).isFalse();
    assertThat(FeedbackLink.openable(null)).isFalse();
  }
}
