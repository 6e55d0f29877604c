package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.checkup.SelfTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor names a set {@code QMCOOKIE_ROUTE}, and keeps it out of the selftest's commands. */
class DoctorRouteTest {
  @TempDir Path tmp;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    cli = new CliRunner(tmp.resolve("home"));
    cli.env.put("PATH", tmp.resolve("no-bin").toString());
    cli.env.put("QMCOOKIE_DRIVERS", tmp.resolve("drivers").toString());
    // Resolving a loopback literal needs no DNS: no test asks a resolver about qq.com.
    cli.env.put("QMCOOKIE_ENDPOINT", "http://127.0.0.1:9/cgi-bin/musicu.fcg");
  }

  @Test
  void aSetRouteIsAWarningThatNamesItsRules() {
    int without = cli.run("doctor").code();
    cli.env.put(RouteOption.ENV, "*.qq.com=http://127.0.0.1:8080");

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.out())
        .contains(
            "warn  route      QMCOOKIE_ROUTE is set: requests to *.qq.com go to"
                + " http://127.0.0.1:8080")
        .contains("fix: unset QMCOOKIE_ROUTE unless you are testing against a local fake");
    assertThat(result.code()).as("a warning changes no exit code").isEqualTo(without);
  }

  @Test
  void aBadRouteFailsAsBadInput() {
    cli.env.put(RouteOption.ENV, "*.qq.com=127.0.0.1:8080");

    CliRunner.Result result = cli.run("doctor");

    assertThat(result.out())
        .contains("fail  route      $QMCOOKIE_ROUTE: the target for *.qq.com")
        .contains("fix: fix or unset $QMCOOKIE_ROUTE");
    assertThat(result.code()).isEqualTo(5);
  }

  @Test
  void theSelftestsCommandsRunWithoutTheUsersRoute() {
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            null,
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            Map.of(
                RouteOption.ENV,
                "*.qq.com=not-a-url",
                "QMCOOKIE_CHECK_ENDPOINT",
                CliRunner.CLOSED_CHECK_ENDPOINT),
            cli.clock,
            ZoneOffset.UTC,
            d -> {},
            null);

    SelfTest.Run run =
        DoctorCommand.run(ctx, tmp.resolve("scratch"), List.of("status", "--all", "--check"));

    assertThat(run.err()).doesNotContain("QMCOOKIE_ROUTE");
    assertThat(run.code()).as(run.toString()).isZero();
  }
}
