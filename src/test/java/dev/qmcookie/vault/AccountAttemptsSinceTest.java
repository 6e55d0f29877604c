package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.RenewalAttempt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's chart reads the last week of the history, from its end only. */
class AccountAttemptsSinceTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  @TempDir Path tmp;

  private Account account() {
    return new Vault(tmp.resolve("home"), Duration.ofSeconds(5)).account("default");
  }

  private static RenewalAttempt at(Instant at, String outcome) {
    return new RenewalAttempt(at, outcome, 0, 10, 1, "http", outcome);
  }

  @Test
  void theAttemptsSinceATimeComeOldestFirstAndAtMostTheLastFew() throws Exception {
    Account account = account();
    account.recordAttempt(at(NOW.minus(Duration.ofDays(8)), RenewalAttempt.RENEWED));
    account.recordAttempt(at(NOW.minus(Duration.ofDays(3)), RenewalAttempt.TRANSIENT));
    account.recordAttempt(at(NOW.minus(Duration.ofDays(2)), RenewalAttempt.RENEWED));
    account.recordAttempt(at(NOW.minus(Duration.ofDays(1)), RenewalAttempt.LOGIN_INVALID));

    assertThat(account.attemptsSince(NOW.minus(Duration.ofDays(7)), 10))
        .extracting(RenewalAttempt::outcome)
        .containsExactly("transient", "renewed", "login-invalid");
    assertThat(account.attemptsSince(NOW.minus(Duration.ofDays(7)), 2))
        .extracting(RenewalAttempt::outcome)
        .containsExactly("renewed", "login-invalid");
  }

  @Test
  void noHistoryIsNoAttemptsAndADamagedLineIsLeftOut() throws Exception {
    Account account = account();
    assertThat(account.attemptsSince(NOW.minus(Duration.ofDays(7)), 10)).isEmpty();
    account.recordAttempt(at(NOW.minus(Duration.ofDays(2)), RenewalAttempt.RENEWED));
    Files.writeString(
        account.dir().resolve(Account.HISTORY_FILE), "{not json\n", StandardOpenOption.APPEND);
    account.recordAttempt(at(NOW.minus(Duration.ofDays(1)), RenewalAttempt.RENEWED));
    assertThat(account.attemptsSince(NOW.minus(Duration.ofDays(7)), 10)).hasSize(2);
  }

  @Test
  void aLongHistoryIsReadFromItsEndAndItsCutLineSkipped() throws Exception {
    Account account = account();
    account.recordAttempt(at(NOW.minus(Duration.ofDays(1)), RenewalAttempt.RENEWED));
    Path file = account.dir().resolve(Account.HISTORY_FILE);
    // Over a megabyte of old lines, then the week's.
    String old =
        "{\"time\":\"2020-01-01T00:00:00Z\",\"at\":\"2020-01-01T00:00:00Z\",\"outcome\":\"renewed\","
            + "\"via\":\"http\",\"pad\":\""
            + "x".repeat(1000)
            + "\"}\n";
    Files.writeString(file, old.repeat(1100));
    account.recordAttempt(at(NOW.minus(Duration.ofHours(2)), RenewalAttempt.TRANSIENT));
    account.recordAttempt(at(NOW.minus(Duration.ofHours(1)), RenewalAttempt.RENEWED));

    assertThat(account.attemptsSince(NOW.minus(Duration.ofDays(7)), 10))
        .extracting(RenewalAttempt::outcome)
        .containsExactly("transient", "renewed");
  }
}
