package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.TimetableTest.BUSY;
import static dev.qmcookie.schedule.TimetableTest.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.schedule.Timetable.Reaction;
import dev.qmcookie.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The timetable of an account in a shared store: one another host holds is looked at again when the
 * hold runs out, never in a loop and never as a failure; one whose turn could not reach the store
 * backs off, and is due again the moment the store answers.
 */
class TimetableStoreTest {
  final HandClock clock = new HandClock(START);
  final FakeStore store = new FakeStore(clock);
  final Timetable timetable = new Timetable(new Planner(Duration.ZERO, new Random()), clock);

  // Stored 20 hours before the start: due now.
  AccountView due() {
    clock.set(START.minus(FakeStore.DUE_AFTER));
    store.store("alice");
    clock.set(START);
    return store.view("alice");
  }

  @Test
  void aHeldAccountIsTriedWhenTheHoldRunsOutWithoutCountingAFailure() {
    AccountView view = due();
    timetable.see(view);
    timetable.after(view, BUSY);
    Instant holdEnds = START.plus(Duration.ofMinutes(3));

    Reaction reaction =
        timetable.after(view, Outcome.skipped("another host is renewing it (b:41)", holdEnds));

    assertThat(reaction).isEqualTo(Reaction.SKIPPED);
    assertThat(timetable.nextTurn("alice")).contains(holdEnds);
    assertThat(timetable.failures("alice")).as("the fault before, not the skip").isEqualTo(1);
    assertThat(timetable.due()).isEmpty();
  }

  @Test
  void aHoldThatRanOutOrARenewalTheStoreDoesNotShowYetWaitsAMinuteNotALoop() {
    AccountView view = due();
    timetable.see(view);

    timetable.after(view, Outcome.skipped("another host is renewing it", START.minusSeconds(5)));
    assertThat(timetable.nextTurn("alice")).contains(START.plus(Timetable.SKIP_LEAST_WAIT));

    // Renewed elsewhere moments ago, yet this read still shows the old, due cookie.
    timetable.after(view, Outcome.skipped("it was renewed 1 second ago", null));
    assertThat(timetable.nextTurn("alice")).contains(START.plus(Timetable.SKIP_LEAST_WAIT));
    assertThat(timetable.due()).isEmpty();
  }

  @Test
  void theOtherHostsNewCookieIsAChangeByAnotherAfterASkip() {
    AccountView view = due();
    timetable.see(view);
    timetable.after(view, Outcome.skipped("another host is renewing it", START.plusSeconds(90)));

    store.store("alice");
    AccountView renewedElsewhere = store.view("alice");

    assertThat(timetable.see(renewedElsewhere)).isEqualTo(Timetable.Seen.CHANGED);
    assertThat(timetable.nextTurn("alice")).contains(renewedElsewhere.dueAt());
  }

  @Test
  void aSkipReadAfterTheOtherHostsSaveStillLeavesThatSaveToBeSeenAsAChange() {
    AccountView view = due();
    timetable.see(view);
    store.store("alice");
    AccountView readAfterTheSkip = store.view("alice");

    timetable.after(readAfterTheSkip, Outcome.skipped("it was renewed 2 seconds ago", null));

    // The read that follows the store's message: its exports and hooks are owed.
    assertThat(timetable.see(readAfterTheSkip)).isEqualTo(Timetable.Seen.CHANGED);
  }

  @Test
  void aTurnNotDueBecauseTheOtherHostsSaveLandedFirstLeavesThatSaveToBeSeenAsAChange() {
    AccountView view = due();
    timetable.see(view);
    // The other host renewed and let its lease go just before this host's turn took it.
    store.store("alice");
    AccountView readUnderTheLease = store.view("alice");

    timetable.after(readUnderTheLease, TimetableTest.NOT_DUE);

    // The read that follows the store's message: its exports and hooks are owed.
    assertThat(timetable.see(readUnderTheLease)).isEqualTo(Timetable.Seen.CHANGED);
    assertThat(timetable.nextTurn("alice")).contains(readUnderTheLease.dueAt());
  }

  @Test
  void aTurnThatCouldNotReachTheStoreBacksOffAndIsDueAsSoonAsTheStoreAnswersKeepingItsBackoff() {
    AccountView view = due();
    timetable.see(view);

    timetable.waitForStore("alice");
    timetable.waitForStore("alice");
    assertThat(timetable.nextTurn("alice")).contains(START.plus(Planner.backoff(2)));

    clock.advance(Duration.ofSeconds(30));
    assertThat(timetable.storeBack()).containsExactly("alice");
    assertThat(timetable.due()).contains("alice");
    assertThat(timetable.storeBack()).as("told once").isEmpty();
    assertThat(timetable.waitsForStore()).as("until the turn's own outcome").isTrue();
    // Reads answering say nothing of writes: a store that still refuses them backs off further.
    assertThat(timetable.failures("alice")).isEqualTo(2);
    timetable.waitForStore("alice");
    assertThat(timetable.nextTurn("alice"))
        .contains(START.plusSeconds(30).plus(Planner.backoff(3)));
    assertThat(timetable.storeBack()).as("one early try per outage").isEmpty();

    timetable.after(view, TimetableTest.NOT_DUE);
    timetable.waitForStore("alice");
    assertThat(timetable.storeBack()).as("a later outage has its own").containsExactly("alice");
  }

  @Test
  void theFirstServerFaultAfterALongStoreOutageBacksOffFromTheStart() {
    AccountView view = due();
    timetable.see(view);
    for (int i = 0; i < 8; i++) {
      timetable.waitForStore("alice");
    }
    assertThat(timetable.nextTurn("alice")).contains(START.plus(Planner.backoff(8)));

    clock.advance(Duration.ofHours(2));
    timetable.storeBack();
    assertThat(timetable.after(view, BUSY)).isEqualTo(Reaction.FIRST_FAULT);

    // The server's first fault: a minute's pause, not the ninth step of the backoff.
    assertThat(timetable.nextTurn("alice")).contains(clock.instant().plus(Planner.backoff(1)));
  }

  @Test
  void aStoreThatFlapsGivesAnEarlyTryEachTimeItComesBack() {
    AccountView view = due();
    timetable.see(view);
    timetable.waitForStore("alice");
    assertThat(timetable.storeBack()).containsExactly("alice");
    timetable.waitForStore("alice"); // the early try met the store away again

    timetable.storeReadFailed();
    clock.advance(Duration.ofSeconds(30));

    assertThat(timetable.storeBack()).as("back again").containsExactly("alice");
    assertThat(timetable.due()).contains("alice");
  }
}
