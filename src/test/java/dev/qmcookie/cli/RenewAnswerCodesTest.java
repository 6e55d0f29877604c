package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.testkit.RenewalAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every code of the protocol's failure table, as {@code renew} and {@code status} show it. */
class RenewAnswerCodesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  MockWebServer server;
  CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    cli = new CliRunner(home);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  // One shape: what a code means within a shape. Whether auto sends the other shape after a code is
  // ShapeRenewalTest's and aCodeAboutTheAccountIsNotAskedAgainInTheOtherShape's.
  CliRunner.Result renew(String account) {
    return cli.run(
        "renew",
        "--endpoint",
        server.url("/cgi-bin/musicu.fcg").toString(),
        "--shape",
        "a",
        "--account",
        account);
  }

  @ParameterizedTest(name = "code {0}")
  @CsvSource({"2001", "20254", "20276", "20272", "20277", "20450", "20279", "104604"})
  void aCodeAboutTheAccountIsNotAskedAgainInTheOtherShape(int code) throws Exception {
    cli.importCookie("bob", QqLogin.header(Duration.ofHours(21)));
    byte[] before = cli.storedBytes("bob");
    server.enqueue(RenewalAnswers.code(code, 0));
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, "Q_H_L_never", QqLogin.NOW));

    CliRunner.Result result =
        cli.run(
            "renew",
            "--endpoint",
            server.url("/cgi-bin/musicu.fcg").toString(),
            "--shape",
            "auto",
            "--account",
            "bob");

    assertThat(result.code()).as(result.toString()).isIn(3, 4);
    assertThat(server.getRequestCount()).as("one request, in one shape").isEqualTo(1);
    assertThat(cli.storedBytes("bob")).isEqualTo(before);
  }

  @ParameterizedTest(name = "code {0}")
  @CsvSource({
    "1000,   3, login-invalid,      needs-login,        log in again",
    "104400, 3, login-invalid,      needs-login,        log in again",
    "104401, 3, login-invalid,      needs-login,        log in again",
    "2001,   3, needs-verification, needs-verification, complete the check",
    "20254,  3, needs-verification, needs-verification, complete the check",
    "20276,  3, needs-verification, needs-verification, complete the check",
    "20272,  3, account-problem,    account-problem,    bind it in the QQ Music app",
    "20274,  3, account-problem,    account-problem,    bind it in the QQ Music app",
    "20277,  3, account-problem,    account-problem,    unblock it in the QQ Music app",
    "20278,  3, account-problem,    account-problem,    unblock it in the QQ Music app",
    "20450,  3, account-problem,    account-problem,    banned",
    "20279,  4, device-limit,       device-limit,       nothing merged",
    "104604, 4, too-frequent,       too-frequent,       too frequent",
    "100001, 4, too-frequent,       too-frequent,       too frequent",
    "2000,   4, request-refused,    due,                --shape",
    "20261,  4, request-refused,    due,                --shape",
    "20271,  4, transient,          due,                wrong verification code",
  })
  void eachCodeHasItsStateExitAndMessageAndChangesNothing(
      int code, int exit, String outcome, String state, String advice) throws Exception {
    cli.importCookie("bob", QqLogin.header(Duration.ofHours(21)));
    byte[] before = cli.storedBytes("bob");
    server.enqueue(RenewalAnswers.code(0, code));
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, "Q_H_L_never", QqLogin.NOW));

    CliRunner.Result result = renew("bob");

    assertThat(result.code()).as(result.toString()).isEqualTo(exit);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("code " + code).contains(advice);
    assertThat(server.getRequestCount()).as("not retried within the attempt").isEqualTo(1);
    assertThat(cli.storedBytes("bob")).isEqualTo(before);
    assertThat(cli.history("bob"))
        .singleElement()
        .asString()
        .contains("\"outcome\":\"" + outcome + "\"");

    CliRunner.Result status = cli.run("status", "--json", "--account", "bob");
    JsonNode json = JSON.readTree(status.out());
    assertThat(json.get("state").asText()).isEqualTo(state);
    assertThat(json.at("/lastRenewal/code").asInt()).isEqualTo(code);
    assertThat(status.code()).isEqualTo(exit == 3 ? 3 : 0);
    assertThat(cli.run("status", "--account", "bob").out()).contains(state);
    assertThat(cli.run("status", "--all").out()).contains(state).contains("(code " + code + ")");
  }

  @ParameterizedTest(name = "code {0}")
  @CsvSource({"2001", "20450"})
  void aStateThatNeedsAPersonSendsNothingMoreUntilForced(int code) throws Exception {
    cli.importCookie("bob", QqLogin.header(Duration.ofHours(21)));
    server.enqueue(RenewalAnswers.code(code, 0));
    renew("bob");

    CliRunner.Result again = renew("bob");

    assertThat(again.code()).isEqualTo(3);
    assertThat(again.err()).contains("code " + code).contains("--force");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aVerificationNamesTheAccountsLoginAndQuotesTheLink() throws Exception {
    cli.importCookie("bob", QqLogin.header(Duration.ofHours(21)));
    server.enqueue(
        RenewalAnswers.json(
            "{\"code\":0,\"req1\":{\"code\":2001,\"data\":{\"feedbackURL\":"
                + "\"https://y.qq.com/verify?t=1\"}}}"));

    CliRunner.Result result = renew("bob");

    assertThat(result.err())
        .contains("open y.qq.com in the browser that logged in (qmcookie login --account bob)")
        .contains("\"https://y.qq.com/verify?t=1\"");
    assertThat(cli.history("bob"))
        .singleElement()
        .asString()
        .contains("\"feedbackUrl\":\"https://y.qq.com/verify?t=1\"");
    assertThat(cli.run("status", "--account", "bob").out())
        .contains("needs-verification (the server wants a security verification")
        .contains("qmcookie login --account bob")
        .contains("\"https://y.qq.com/verify?t=1\"");
  }

  @Test
  void anAccountProblemQuotesTheServersWords() throws Exception {
    cli.importCookie("bob", QqLogin.header(Duration.ofHours(21)));
    server.enqueue(
        RenewalAnswers.json("{\"code\":0,\"req1\":{\"code\":20277,\"errMsg\":\"账号受限\"}}"));

    CliRunner.Result result = renew("bob");

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("\"账号受限\"").contains("unblock it in the QQ Music app");
  }

  @Test
  void aNewCookieEndsTheVerdict() throws Exception {
    cli.importCookie("bob", QqLogin.header(Duration.ofHours(21)));
    server.enqueue(RenewalAnswers.code(0, 20276));
    renew("bob");
    cli.clock.advance(Duration.ofMinutes(1));

    cli.importCookie("bob", QqLogin.header(Duration.ofHours(21)));

    assertThat(
            JSON.readTree(cli.run("status", "--json", "--account", "bob").out())
                .get("state")
                .asText())
        .isEqualTo("due");
  }
}
