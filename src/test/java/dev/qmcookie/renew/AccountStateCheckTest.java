package dev.qmcookie.renew;

import static dev.qmcookie.renew.RenewalScheduleTest.CREATED;
import static dev.qmcookie.renew.RenewalScheduleTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.ServerCheck;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the last live check does to an account's state. */
class AccountStateCheckTest {
  KeyTimeline timeline =
      RenewalSchedule.defaults().timeline(record(Long.toString(CREATED.getEpochSecond()), null));
  Instant checkedAt = CREATED.plus(Duration.ofHours(2));
  Instant now = checkedAt.plusSeconds(60);

  @Test
  void aRefusedCheckMakesAValidKeyNeedLoginUntilANewerCookieIsStored() {
    ServerCheck refused = ServerCheck.refused(checkedAt, 1000);

    assertThat(AccountState.of(timeline, now, null, CREATED, false, refused))
        .isEqualTo(AccountState.NEEDS_LOGIN);
    assertThat(AccountState.of(timeline, now, null, checkedAt.plusSeconds(1), false, refused))
        .as("a cookie stored after the check is not judged by it")
        .isEqualTo(AccountState.FRESH);
  }

  @Test
  void aDueKeyThatIsRefusedNeedsLoginToo() {
    Instant late = CREATED.plus(Duration.ofHours(21));
    assertThat(
            AccountState.of(timeline, late, null, CREATED, false, ServerCheck.refused(late, 1000)))
        .isEqualTo(AccountState.NEEDS_LOGIN);
  }

  @Test
  void anAcceptedOrUnknownCheckChangesNothing() {
    assertThat(
            AccountState.of(timeline, now, null, CREATED, false, ServerCheck.accepted(checkedAt)))
        .isEqualTo(AccountState.FRESH);
    assertThat(
            AccountState.of(
                timeline,
                now,
                null,
                CREATED,
                false,
                ServerCheck.unknown(checkedAt, 0, "timed out")))
        .isEqualTo(AccountState.FRESH);
  }

  @Test
  void anExpiredKeyStaysExpired() {
    Instant late = CREATED.plus(Duration.ofHours(30));
    assertThat(
            AccountState.of(timeline, late, null, CREATED, false, ServerCheck.refused(late, 1000)))
        .isEqualTo(AccountState.EXPIRED);
  }
}
