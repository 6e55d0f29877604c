package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static final Instant DUE = Instant.parse("2026-11-25T08:00:00Z");
  static final Instant EXPIRES = DUE.plus(Duration.ofHours(4));
  static final AccountView VIEW = new AccountView("a", DUE, EXPIRES, false, "f1");

  @RepeatedTest(20)
  void dueTimesGetAJitterWithinItsBound() {
    Planner planner = new Planner(Duration.ofMinutes(5), new Random());

    Instant next = planner.next(VIEW, 0, null).orElseThrow();

    assertThat(next).isBetween(DUE, DUE.plus(Duration.ofMinutes(5)));
  }

  @Test
  void noJitterMeansTheDueTimeAndJitterNeverPassesExpiry() {
    assertThat(new Planner(Duration.ZERO, new Random()).next(VIEW, 0, null)).hasValue(DUE);
    AccountView tight = new AccountView("a", DUE, DUE.plusSeconds(10), false, "f");
    Random alwaysMax =
        new Random() {
          @Override
          public long nextLong(long bound) {
            return bound - 1;
          }
        };
    assertThat(new Planner(Duration.ofHours(1), alwaysMax).next(tight, 0, null)).hasValue(DUE);
  }

  @Test
  void noTurnComesBeforeTheWaitTheServerAskedFor() {
    Planner planner = new Planner(Duration.ZERO, new Random());
    Instant notBefore = DUE.plus(Duration.ofMinutes(50));
    AccountView waiting = new AccountView("a", DUE, EXPIRES, false, "f1", notBefore);

    assertThat(planner.next(waiting, 0, null)).hasValue(notBefore);
    assertThat(planner.next(waiting, 1, DUE)).hasValue(notBefore);
    assertThat(planner.next(waiting, 7, DUE)).hasValue(DUE.plus(Duration.ofHours(1)));
  }

  @Test
  void backoffDoublesFromOneMinuteToOneHour() {
    assertThat(Planner.backoff(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(Planner.backoff(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(Planner.backoff(3)).isEqualTo(Duration.ofMinutes(4));
    assertThat(Planner.backoff(6)).isEqualTo(Duration.ofMinutes(32));
    assertThat(Planner.backoff(7)).isEqualTo(Duration.ofHours(1));
    assertThat(Planner.backoff(500)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aRetryFollowsTheBackoffButNotPastExpiry() {
    Planner planner = new Planner(Duration.ofMinutes(5), new Random());
    Instant failedAt = DUE.plus(Duration.ofMinutes(10));

    assertThat(planner.next(VIEW, 1, failedAt)).hasValue(failedAt.plus(Duration.ofMinutes(1)));
    assertThat(planner.next(VIEW, 3, failedAt)).hasValue(failedAt.plus(Duration.ofMinutes(4)));
    assertThat(planner.next(VIEW, 9, EXPIRES.minusSeconds(60))).hasValue(EXPIRES);
  }

  @Test
  void anExpiredButRenewableKeyIsRetriedByTheBackoffNotAtOnce() {
    Planner planner = new Planner(Duration.ZERO, new Random());
    Instant failedAt = EXPIRES.plus(Duration.ofHours(2));

    assertThat(planner.next(VIEW, 1, failedAt)).hasValue(failedAt.plus(Duration.ofMinutes(1)));
    assertThat(planner.next(VIEW, 7, failedAt)).hasValue(failedAt.plus(Duration.ofHours(1)));
  }

  @Test
  void aLoginThatNeedsAHumanIsNotRetried() {
    AccountView lost = new AccountView("a", DUE, EXPIRES, true, "f1");

    assertThat(new Planner(Duration.ZERO, new Random()).next(lost, 0, null)).isEmpty();
    assertThat(new Planner(Duration.ZERO, new Random()).next(lost, 4, DUE)).isEmpty();
  }
}
