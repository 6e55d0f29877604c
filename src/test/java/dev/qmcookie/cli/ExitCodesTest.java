package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.SetupException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.schedule.ListenFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
  @Test
  void eachFailureFamilyHasItsOwnCode() {
    assertThat(ExitCodes.of(new LoginInvalidException("gone", 1000))).isEqualTo(3);
    assertThat(ExitCodes.of(new TransientFailureException("later", 500))).isEqualTo(4);
    assertThat(ExitCodes.of(new InvalidInputException("bad", List.of("missing uin")))).isEqualTo(5);
    assertThat(ExitCodes.of(new IOException("disk"))).isEqualTo(1);
    assertThat(ExitCodes.of(new IllegalStateException())).isEqualTo(1);
  }

  @Test
  void aMachineThatLacksABrowserDriverOrDisplayIsSixNotBadInput() {
    assertThat(ExitCodes.of(new SetupException("no chromium found")))
        .isEqualTo(6)
        .isEqualTo(ExitCodes.SETUP);
  }

  @Test
  void aPortThatCannotBeBoundStaysBadInputForListen() {
    BindException inUse = new BindException("Address already in use");

    assertThat(ExitCodes.of(ListenFailure.of(new InetSocketAddress("127.0.0.1", 8091), inUse)))
        .isEqualTo(5);
  }

  @Test
  void aMissingBrowserRanksAboveALostLoginAndBelowBadInput() {
    assertThat(ExitCodes.worst(3, 6)).isEqualTo(6);
    assertThat(ExitCodes.worst(6, 4)).isEqualTo(6);
    assertThat(ExitCodes.worst(6, 5)).isEqualTo(5);
    assertThat(ExitCodes.worst(5, 6)).isEqualTo(5);
    assertThat(ExitCodes.worst(2, 6)).isEqualTo(2);
    assertThat(ExitCodes.worst(6, 1)).isEqualTo(1);
  }

  @Test
  void worstPicksWhatNeedsAHumanMost() {
    assertThat(ExitCodes.worst(0, 4)).isEqualTo(4);
    assertThat(ExitCodes.worst(4, 3)).isEqualTo(3);
    assertThat(ExitCodes.worst(3, 4)).isEqualTo(3);
    assertThat(ExitCodes.worst(5, 3)).isEqualTo(5);
    assertThat(ExitCodes.worst(1, 5)).isEqualTo(1);
    assertThat(ExitCodes.worst(0, 0)).isZero();
  }

  @Test
  void aFailureIsOneLineWithoutAStackTraceUnlessVerbose() {
    StringWriter quiet = new StringWriter();
    StringWriter loud = new StringWriter();
    InvalidInputException e =
        new InvalidInputException(
            "this cookie cannot be renewed", List.of("missing uin", "missing psrf_qqopenid"));

    int code = Failures.report(new PrintWriter(quiet, true), e, "alice: ", false);
    Failures.report(new PrintWriter(loud, true), e, "alice: ", true);

    assertThat(code).isEqualTo(5);
    assertThat(quiet.toString().lines())
        .singleElement()
        .asString()
        .startsWith("qmcookie: alice: this cookie cannot be renewed")
        .contains("missing uin")
        .contains("missing psrf_qqopenid");
    assertThat(loud.toString()).contains("\tat ");
  }
}
