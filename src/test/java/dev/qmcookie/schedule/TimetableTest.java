package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.schedule.Timetable.Reaction;
import dev.qmcookie.schedule.Timetable.Seen;
import dev.qmcookie.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The daemon's decisions, walked through days of a hand-moved clock in no time. */
class TimetableTest {
  static final Instant START = Instant.parse("2026-11-25T08:00:00Z");
  static final Outcome RENEWED = new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed via http");
  static final Outcome NOT_DUE = new Outcome(Outcome.Kind.NOT_DUE, 0, "", "not due");
  static final Outcome BUSY =
      new Outcome(Outcome.Kind.TRANSIENT, 4, "", "the server failed (HTTP 503)");
  static final Outcome TOO_FREQUENT =
      new Outcome(
          Outcome.Kind.TRANSIENT, 4, "", "the server says requests are too frequent (code 104604)");
  static final Outcome LOST =
      new Outcome(Outcome.Kind.NEEDS_LOGIN, 3, "", "the login is no longer valid (code 104401)");
  static final Outcome BROKEN =
      new Outcome(Outcome.Kind.FAILED, 5, "", "the stored cookie is damaged");

  static final Outcome DEVICE_LIMIT =
      new Outcome(
          Outcome.Kind.TRANSIENT,
          4,
          "",
          "the account reached its device limit (code 20279)",
          "device-limit");
  static final Outcome SLOW_DOWN =
      new Outcome(
          Outcome.Kind.TRANSIENT,
          4,
          "",
          "the server says requests are too frequent (code 104604)",
          "too-frequent");
  static final Outcome VERIFY =
      new Outcome(
          Outcome.Kind.NEEDS_LOGIN,
          3,
          "",
          "the server wants a security verification (code 2001)",
          "needs-verification");
  static final Outcome BANNED =
      new Outcome(
          Outcome.Kind.NEEDS_LOGIN, 3, "", "the account is banned (code 20450)", "account-problem");

  final HandClock clock = new HandClock(START);
  final FakeStore store = new FakeStore(clock);

  Timetable timetable(Duration jitter) {
    return new Timetable(new Planner(jitter, new Random()), clock);
  }

  @RepeatedTest(10)
  void anAccountsTurnComesAtItsDueTimePlusAJitterWithinItsBound() {
    Timetable t = timetable(Duration.ofMinutes(5));
    store.store("alice");
    Instant due = START.plus(FakeStore.DUE_AFTER);

    assertThat(t.see(store.view("alice"))).isEqualTo(Seen.NEW);

    Instant turn = t.nextTurn("alice").orElseThrow();
    assertThat(turn).isBetween(due, due.plus(Duration.ofMinutes(5)));
    assertThat(t.onSchedule("alice")).isTrue();
    assertThat(t.untilNextTurn()).isEqualTo(Duration.between(START, turn));
    clock.set(turn.minusMillis(1));
    assertThat(t.due()).isEmpty();
    clock.set(turn);
    assertThat(t.due()).hasValue("alice");
  }

  @Test
  void theSoonestOfSeveralAccountsGoesFirstAndAnEmptyTimetableSleepsADay() {
    Timetable t = timetable(Duration.ZERO);
    assertThat(t.untilNextTurn()).isEqualTo(Timetable.IDLE);
    store.store("older");
    clock.advance(Duration.ofHours(3));
    store.store("newer");
    t.see(store.view("newer"));
    t.see(store.view("older"));

    clock.advance(FakeStore.DUE_AFTER);

    // Both are due now; the one waiting longer goes first, whatever the order they were seen in.
    assertThat(t.due()).hasValue("older");
    assertThat(t.untilNextTurn()).isEqualTo(Duration.ofHours(-3));
  }

  @Test
  void aRenewalPlansTheNewCookiesDueTimeAndIsNotMistakenForAChangeBySomeoneElse() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    t.see(store.view("alice"));
    clock.set(t.nextTurn("alice").orElseThrow());

    store.store("alice"); // what the renewal stored
    assertThat(t.after(store.view("alice"), RENEWED)).isEqualTo(Reaction.RENEWED);

    assertThat(t.nextTurn("alice")).hasValue(clock.instant().plus(FakeStore.DUE_AFTER));
    assertThat(t.see(store.view("alice"))).isEqualTo(Seen.SAME);
    assertThat(t.due()).isEmpty();
  }

  @Test
  void aPassingFaultBacksOffFromOneMinuteDoublingToOneHourAndStopsAtExpiry() {
    Timetable t = timetable(Duration.ofMinutes(5));
    store.store("alice");
    t.see(store.view("alice"));
    List<Duration> pauses = new ArrayList<>();
    List<Reaction> reactions = new ArrayList<>();

    for (int i = 0; i < 8; i++) {
      clock.set(t.nextTurn("alice").orElseThrow());
      assertThat(t.due()).hasValue("alice");
      reactions.add(t.after(store.view("alice"), BUSY));
      pauses.add(Duration.between(clock.instant(), t.nextTurn("alice").orElseThrow()));
    }

    assertThat(reactions.get(0)).isEqualTo(Reaction.FIRST_FAULT);
    assertThat(reactions.subList(1, 8)).containsOnly(Reaction.FURTHER_FAULT);
    assertThat(t.failures("alice")).isEqualTo(8);
    assertThat(t.onSchedule("alice")).isFalse();
    assertThat(pauses)
        .extracting(Duration::toMinutes)
        .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L);

    // Close to expiry the retry comes at the expiry, not after it.
    Instant expires = store.view("alice").expiresAt();
    clock.set(expires.minus(Duration.ofMinutes(10)));
    t.after(store.view("alice"), BUSY);
    assertThat(t.nextTurn("alice")).hasValue(expires);
  }

  @Test
  void tooFrequentIsAPassingFaultThatBacksOffInsteadOfAskingAgainAtOnce() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    t.see(store.view("alice"));
    clock.set(t.nextTurn("alice").orElseThrow());

    assertThat(t.after(store.view("alice"), TOO_FREQUENT)).isEqualTo(Reaction.FIRST_FAULT);

    assertThat(t.nextTurn("alice")).hasValue(clock.instant().plus(Duration.ofMinutes(1)));
    assertThat(t.due()).isEmpty();
  }

  @Test
  void aLostLoginIsReportedOnceAndNeverTriedAgainHoweverLongTheDaemonWaits() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    t.see(store.view("alice"));
    clock.set(t.nextTurn("alice").orElseThrow());

    store.refuse("alice");
    assertThat(t.after(store.view("alice"), LOST)).isEqualTo(Reaction.REPORT_AND_STOP);

    assertThat(t.nextTurn("alice")).isEmpty();
    for (int day = 0; day < 30; day++) {
      clock.advance(Duration.ofDays(1));
      assertThat(t.due()).isEmpty();
      assertThat(t.see(store.view("alice"))).isEqualTo(Seen.SAME);
    }
    assertThat(t.untilNextTurn()).isEqualTo(Timetable.IDLE);
    // Should anything make it try again, it still reports only once.
    assertThat(t.after(store.view("alice"), LOST)).isEqualTo(Reaction.SILENT);
  }

  @Test
  void aLoginLostBeforeTheStartGetsOneLastTryThenSilence() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    store.refuse("alice");

    t.see(store.view("alice"));

    // One try, now: a browser profile may still restore it.
    assertThat(t.due()).hasValue("alice");
    assertThat(t.onSchedule("alice")).isFalse();
    assertThat(t.after(store.view("alice"), LOST)).isEqualTo(Reaction.REPORT_AND_STOP);
    clock.advance(Duration.ofDays(7));
    assertThat(t.due()).isEmpty();
  }

  @Test
  void anOutageThatOutlivesTheKeyEndsInOneLastTryAndOneReport() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    t.see(store.view("alice"));
    Instant expires = store.view("alice").expiresAt();
    clock.set(expires.minusSeconds(30));
    t.after(store.view("alice"), BUSY);
    assertThat(t.nextTurn("alice")).hasValue(expires);

    clock.set(expires);
    assertThat(t.after(store.view("alice"), BUSY)).isEqualTo(Reaction.FURTHER_FAULT);
    // The view now says the key expired: the planner has no time left, so one last try...
    assertThat(t.due()).hasValue("alice");
    assertThat(t.after(store.view("alice"), LOST)).isEqualTo(Reaction.REPORT_AND_STOP);
    // ...and no loop.
    clock.advance(Duration.ofDays(1));
    assertThat(t.due()).isEmpty();
  }

  @Test
  void aCookieSomeoneElseStoresStartsAfreshWithNewDueTimeNoFailuresAndANewReport() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    t.see(store.view("alice"));
    clock.set(t.nextTurn("alice").orElseThrow());
    t.after(store.view("alice"), BUSY);
    clock.advance(Duration.ofMinutes(1));
    t.after(store.view("alice"), BUSY);
    assertThat(t.failures("alice")).isEqualTo(2);

    clock.advance(Duration.ofMinutes(1));
    store.store("alice"); // qmcookie import --replace, from another process
    assertThat(t.see(store.view("alice"))).isEqualTo(Seen.CHANGED);

    assertThat(t.failures("alice")).isZero();
    assertThat(t.onSchedule("alice")).isTrue();
    assertThat(t.nextTurn("alice")).hasValue(clock.instant().plus(FakeStore.DUE_AFTER));
    assertThat(t.due()).isEmpty();
    // The outage is history: the next one is reported as a first fault again.
    clock.set(t.nextTurn("alice").orElseThrow());
    assertThat(t.after(store.view("alice"), BUSY)).isEqualTo(Reaction.FIRST_FAULT);
  }

  @Test
  void aNewLoginAfterALostOneIsScheduledAndALaterLossIsReportedAgain() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    t.see(store.view("alice"));
    clock.set(t.nextTurn("alice").orElseThrow());
    store.refuse("alice");
    t.after(store.view("alice"), BROKEN);
    clock.advance(Duration.ofDays(2));

    store.store("alice"); // qmcookie login
    assertThat(t.see(store.view("alice"))).isEqualTo(Seen.CHANGED);

    assertThat(t.nextTurn("alice")).hasValue(clock.instant().plus(FakeStore.DUE_AFTER));
    clock.set(t.nextTurn("alice").orElseThrow());
    store.refuse("alice");
    assertThat(t.after(store.view("alice"), LOST)).isEqualTo(Reaction.REPORT_AND_STOP);
  }

  @Test
  void aRemovedAccountIsForgottenAndAnUnreadableOneWaitsForAChange() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    store.store("bob");
    t.see(store.view("alice"));
    t.see(store.view("bob"));

    assertThat(t.keepOnly(List.of("bob"))).containsExactly("alice");
    assertThat(t.nextTurn("alice")).isEmpty();
    t.park("bob");
    clock.advance(Duration.ofDays(3));
    assertThat(t.due()).isEmpty();
    store.store("bob");
    assertThat(t.see(store.view("bob"))).isEqualTo(Seen.CHANGED);
    assertThat(t.nextTurn("bob")).isPresent();
  }

  @Test
  void notDueAfterAllPlansTheDueTimeAgain() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    t.see(store.view("alice"));
    clock.set(t.nextTurn("alice").orElseThrow());
    Instant before = t.nextTurn("alice").orElseThrow();

    assertThat(t.after(store.view("alice"), NOT_DUE)).isEqualTo(Reaction.NOT_DUE);
    assertThat(t.nextTurn("alice")).hasValue(before);
  }

  @Test
  void aDeviceLimitWaitsAtLeastAnHourEachTime() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    t.see(store.view("alice"));
    clock.set(t.nextTurn("alice").orElseThrow());

    for (int i = 0; i < 3; i++) {
      Instant failedAt = clock.instant();
      t.after(store.view("alice"), DEVICE_LIMIT);
      assertThat(Duration.between(failedAt, t.nextTurn("alice").orElseThrow()))
          .isGreaterThanOrEqualTo(Duration.ofHours(1));
      clock.advance(Duration.ofMinutes(59));
      assertThat(t.due()).isEmpty();
      clock.set(t.nextTurn("alice").orElseThrow());
    }
  }

  @Test
  void tooFrequentBacksOffLongerAndLongerFromSixteenMinutes() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    t.see(store.view("alice"));
    clock.set(t.nextTurn("alice").orElseThrow().minus(Duration.ofHours(3)));
    List<Duration> pauses = new ArrayList<>();

    for (int i = 0; i < 4; i++) {
      t.after(store.view("alice"), SLOW_DOWN);
      Instant next = t.nextTurn("alice").orElseThrow();
      pauses.add(Duration.between(clock.instant(), next));
      clock.set(next);
    }

    assertThat(pauses).extracting(Duration::toMinutes).containsExactly(16L, 32L, 60L, 60L);
  }

  @Test
  void twoIdenticalFailuresAlertOnceAndAChangeOfStateAlertsAgain() {
    Timetable t = timetable(Duration.ZERO);
    store.store("alice");
    t.see(store.view("alice"));
    clock.set(t.nextTurn("alice").orElseThrow());
    List<Reaction> reactions = new ArrayList<>();

    for (Outcome o : List.of(BUSY, BUSY, DEVICE_LIMIT, DEVICE_LIMIT, SLOW_DOWN, SLOW_DOWN)) {
      reactions.add(t.after(store.view("alice"), o));
      clock.set(t.nextTurn("alice").orElseThrow());
    }
    store.refuse("alice");
    for (Outcome o : List.of(VERIFY, VERIFY, BANNED, BANNED)) {
      reactions.add(t.after(store.view("alice"), o));
    }

    assertThat(reactions)
        .containsExactly(
            Reaction.FIRST_FAULT,
            Reaction.FURTHER_FAULT,
            Reaction.FIRST_FAULT,
            Reaction.FURTHER_FAULT,
            Reaction.FIRST_FAULT,
            Reaction.FURTHER_FAULT,
            Reaction.REPORT_AND_STOP,
            Reaction.SILENT,
            Reaction.REPORT_AND_STOP,
            Reaction.SILENT);
  }

  @Test
  void aVerificationOrAccountProblemTakesNoMoreTurnsUntilANewCookieIsStored() {
    for (Outcome human : List.of(VERIFY, BANNED)) {
      Timetable t = timetable(Duration.ZERO);
      store.store("alice");
      t.see(store.view("alice"));
      clock.set(t.nextTurn("alice").orElseThrow());
      store.refuse("alice");

      assertThat(t.after(store.view("alice"), human)).isEqualTo(Reaction.REPORT_AND_STOP);
      clock.advance(Duration.ofDays(3));
      assertThat(t.due()).isEmpty();

      store.store("alice");
      assertThat(t.see(store.view("alice"))).isEqualTo(Seen.CHANGED);
      assertThat(t.nextTurn("alice")).isPresent();
    }
  }
}
