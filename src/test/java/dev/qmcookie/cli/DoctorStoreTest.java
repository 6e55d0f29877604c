package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.checkup.SelfTest;
import dev.qmcookie.testkit.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor opens a configured store and says what it holds; its selftest stays out of it. */
class DoctorStoreTest {
  @TempDir Path tmp;
  RedisServer redis;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    redis = RedisServer.started();
    cli = new CliRunner(tmp.resolve("home"));
    cli.env.put("PATH", tmp.resolve("no-bin").toString());
    cli.env.put("QMCOOKIE_DRIVERS", tmp.resolve("drivers").toString());
    cli.env.put("QMCOOKIE_ENDPOINT", "http://127.0.0.1:9/cgi-bin/musicu.fcg");
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  @Test
  void aStoreThatOpensIsNamedWithItsAccountsAndAnEmptyOneIsAWarning() {
    cli.env.put(StoreOptions.ENV, redis.url());

    CliRunner.Result empty = cli.run("doctor");
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    CliRunner.Result filled = cli.run("doctor");

    assertThat(empty.out())
        .contains("warn  store      " + redis.url() + " holds no accounts")
        .contains("fix: qmcookie store push");
    assertThat(filled.out())
        .contains("ok    store      " + redis.url() + " opens with this host's key, 1 account(s)");
  }

  @Test
  void aKeyFileThatDoesNotOpenTheStoreFails() throws Exception {
    cli.env.put(StoreOptions.ENV, redis.url());
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    Path other = tmp.resolve("other.key");
    Files.writeString(other, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    Files.setPosixFilePermissions(
        other, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    CliRunner.Result result = cli.run("doctor", "--store-key-file", other.toString());

    assertThat(result.out()).contains("fail  store      the key file " + other);
    assertThat(result.code()).isEqualTo(5);
  }

  @Test
  void theSelftestsCommandsRunWithoutTheUsersStore() {
    CliContext ctx =
        new CliContext(
            null,
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Map.of(
                StoreOptions.ENV,
                redis.url(),
                "QMCOOKIE_CHECK_ENDPOINT",
                CliRunner.CLOSED_CHECK_ENDPOINT),
            cli.clock,
            ZoneOffset.UTC,
            d -> {},
            null);

    SelfTest.Run status =
        DoctorCommand.run(ctx, tmp.resolve("scratch"), List.of("status", "--all"));
    assertThat(status.out()).as(status.toString()).startsWith("no accounts under ");
    assertThat(redis.raw().keys("*")).as("the store was never opened").isEmpty();
  }
}
