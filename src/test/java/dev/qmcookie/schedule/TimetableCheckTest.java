package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.schedule.Timetable.CheckReaction;
import dev.qmcookie.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** When the daemon checks a cookie with the server, and what a refusal leads to. */
class TimetableCheckTest {
  static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

  final HandClock clock = new HandClock(START);
  final FakeStore store = new FakeStore(clock);
  final Timetable t = new Timetable(new Planner(Duration.ZERO, new Random()), clock, true);

  @Test
  void anAccountIsCheckedWhenFirstSeenThenOnceADayBetweenRenewals() {
    store.store("alice");
    t.see(store.view("alice"));

    assertThat(t.due()).isEmpty();
    assertThat(t.dueCheck()).hasValue("alice");
    assertThat(t.untilNextTurn()).isZero();

    assertThat(t.afterCheck(store.view("alice"), ServerCheck.accepted(START)))
        .isEqualTo(CheckReaction.NOTHING);
    assertThat(t.dueCheck()).isEmpty();
    assertThat(t.untilNextTurn()).isEqualTo(FakeStore.DUE_AFTER);

    // The renewal at 20h does not move the daily check.
    clock.set(START.plus(FakeStore.DUE_AFTER));
    assertThat(t.due()).hasValue("alice");
    store.store("alice");
    t.after(store.view("alice"), TimetableTest.RENEWED);
    assertThat(t.untilNextTurn()).isEqualTo(Duration.ofHours(4));
    clock.set(START.plus(Duration.ofDays(1)).minusMillis(1));
    assertThat(t.dueCheck()).isEmpty();
    clock.set(START.plus(Duration.ofDays(1)));
    assertThat(t.dueCheck()).hasValue("alice");
  }

  @Test
  void noAnswerIsCheckedAgainTheNextDay() {
    store.store("alice");
    t.see(store.view("alice"));

    assertThat(t.afterCheck(store.view("alice"), ServerCheck.unknown(START, 0, "timed out")))
        .isEqualTo(CheckReaction.NOTHING);
    assertThat(t.nextTurn("alice")).hasValue(START.plus(FakeStore.DUE_AFTER));
    clock.advance(Duration.ofDays(1));
    assertThat(t.dueCheck()).hasValue("alice");
  }

  @Test
  void aRefusalOfAKeyThatShouldStillBeValidRenewsAtOnce() {
    store.store("alice");
    t.see(store.view("alice"));
    clock.advance(Duration.ofHours(3));

    assertThat(t.afterCheck(store.view("alice"), ServerCheck.refused(clock.instant(), 1000)))
        .isEqualTo(CheckReaction.RENEW_NOW);
  }

  @Test
  void aRefusalPastExpiryIsReportedOnceAndEndsTheTurns() {
    store.store("alice");
    t.see(store.view("alice"));
    clock.advance(FakeStore.LIFETIME.plusMinutes(1));

    assertThat(t.afterCheck(store.view("alice"), ServerCheck.refused(clock.instant(), 1000)))
        .isEqualTo(CheckReaction.REPORT_AND_STOP);
    assertThat(t.due()).isEmpty();
    assertThat(t.dueCheck()).isEmpty();
    assertThat(t.untilNextTurn()).isEqualTo(Timetable.IDLE);
    assertThat(t.afterCheck(store.view("alice"), ServerCheck.refused(clock.instant(), 1000)))
        .isEqualTo(CheckReaction.SILENT);
  }

  @Test
  void aLostLoginIsNotCheckedAnyMore() {
    store.store("alice");
    t.see(store.view("alice"));
    store.refuse("alice");

    t.after(store.view("alice"), TimetableTest.LOST);

    clock.advance(Duration.ofDays(3));
    assertThat(t.dueCheck()).isEmpty();
  }

  @Test
  void aCookieStoredByAnotherProcessIsCheckedAtOnce() {
    store.store("alice");
    t.see(store.view("alice"));
    t.afterCheck(store.view("alice"), ServerCheck.accepted(START));
    clock.advance(Duration.ofHours(1));

    store.store("alice");
    t.see(store.view("alice"));

    assertThat(t.dueCheck()).hasValue("alice");
  }

  @Test
  void withoutChecksThereAreNoCheckTurns() {
    Timetable plain = new Timetable(new Planner(Duration.ZERO, new Random()), clock);
    store.store("alice");
    plain.see(store.view("alice"));

    assertThat(plain.dueCheck()).isEmpty();
    assertThat(plain.untilNextTurn()).isEqualTo(FakeStore.DUE_AFTER);
  }

  @Test
  void anAccountThatCannotBeReadIsNotCheckedUntilItChanges() {
    store.store("alice");
    t.see(store.view("alice"));

    t.park("alice");

    assertThat(t.dueCheck()).isEmpty();
    store.store("alice");
    t.see(store.view("alice"));
    assertThat(t.dueCheck()).hasValue("alice");
  }
}
