package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.TransientFailureException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
    InvalidInputException e = new InvalidInputException("this cookie cannot be renewed", List.of("missing uin", "missing psrf_qqopenid"));

    int code = Failures.report(new PrintWriter(quiet, true), e, "alice: ", false);
    Failures.report(new PrintWriter(loud, true), e, "alice: ", true);

    assertThat(code).isEqualTo(5);
    assertThat(quiet.toString().lines()).singleElement().asString()
        .startsWith("qmcookie: alice: this cookie cannot be renewed")
        .contains("missing uin")
        .contains("missing psrf_qqopenid");
    assertThat(loud.toString()).contains("\tat ");
  }
}
