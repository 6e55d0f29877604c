package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store nobody has stored an account in yet: only a command that stores a document makes it and
 * its key file; reading it writes nothing anywhere.
 */
class UnmadeStoreTest {
  @TempDir Path tmp;
  RedisServer redis;
  CliRunner cli;

  @BeforeEach
  void setUp() {
    redis = RedisServer.started();
    cli = new CliRunner(tmp.resolve("home"));
    cli.env.put(StoreOptions.ENV, redis.url());
    cli.env.put("PATH", tmp.resolve("no-bin").toString());
    cli.env.put("QMCOOKIE_DRIVERS", tmp.resolve("drivers").toString());
    cli.env.put("QMCOOKIE_ENDPOINT", "http://127.0.0.1:9/cgi-bin/musicu.fcg");
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  @Test
  void readingCommandsLeaveRedisEmptyAndMakeNoKeyFileAndImportThenMakesTheStore() {
    String[][] readers = {
      {"status", "--all"},
      {"status", "--all", "--json"},
      {"status"},
      {"export", "--out", tmp.resolve("cookie.txt").toString()},
      {"doctor"},
      {"renew", "--all"},
      {"renew"},
      {"store", "pull"},
    };
    for (String[] reader : readers) {
      CliRunner.Result r = cli.run(reader);

      assertThat(redis.raw().keys("*")).as(String.join(" ", reader) + ": " + r).isEmpty();
      assertThat(cli.home.resolve("store.key")).as(String.join(" ", reader)).doesNotExist();
    }
    CliRunner.Result status = cli.run("status", "--all");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out()).contains("holds no accounts");

    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));

    assertThat(redis.raw().hget("qmcookie:store", "format")).isEqualTo("aes-256-gcm");
    assertThat(cli.home.resolve("store.key")).exists();
    assertThat(cli.run("status", "--all").out()).contains("default");
  }
}
