package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's chart of a store's account: the week's attempts from the store's history list. */
class RedisAttemptsSinceTest {
  static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
  @AutoClose final RedisServer redis = RedisServer.started();
  @TempDir Path dir;
  @AutoClose Hosts hosts;
  Account a;
  Account b;

  @BeforeEach
  void twoHosts() throws IOException {
    hosts = new Hosts(redis, dir);
    a = hosts.account("host-a:1");
    b = hosts.account("host-b:2");
  }

  @Test
  void theAttemptsOfTheWeekComeOldestFirstFromAnyHost() throws Exception {
    a.recordAttempt(attempt(NOW.minus(Duration.ofDays(9)), "#old"));
    a.recordAttempt(attempt(NOW.minus(Duration.ofDays(3)), "#1"));
    a.recordAttempt(attempt(NOW.minus(Duration.ofDays(2)), "#2"));
    a.recordAttempt(attempt(NOW.minus(Duration.ofDays(1)), "#3"));

    assertThat(b.attemptsSince(NOW.minus(Duration.ofDays(7)), 100))
        .extracting(RenewalAttempt::message)
        .containsExactly("#1", "#2", "#3");
    assertThat(b.attemptsSince(NOW.minus(Duration.ofDays(7)), 2))
        .extracting(RenewalAttempt::message)
        .containsExactly("#2", "#3");
  }

  private static RenewalAttempt attempt(Instant at, String message) {
    return new RenewalAttempt(at, RenewalAttempt.RENEWED, 0, 10, 1, "http", message);
  }
}
