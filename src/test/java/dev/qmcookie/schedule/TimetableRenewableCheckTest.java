package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.schedule.Timetable.CheckReaction;
import dev.qmcookie.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An expired key that its refresh_key may still renew: the check refuses the expired key, as it
 * must, which says nothing of the refresh_key; only a refused renewal makes it a lost login.
 */
class TimetableRenewableCheckTest {
  static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

  final HandClock clock = new HandClock(START);
  final Timetable t = new Timetable(new Planner(Duration.ZERO, new Random()), clock, true);

  // Expired an hour ago; needsLogin false, as the vault's view says of expired (renewable).
  AccountView renewable() {
    return new AccountView(
        "alice", START.minus(Duration.ofHours(5)), START.minus(Duration.ofHours(1)), false, "f1");
  }

  @Test
  void aRefusedCheckLeavesItToTheRenewalsAndTheirBackoff() {
    t.see(renewable());
    clock.advance(Duration.ofSeconds(5));
    t.after(
        renewable(),
        new Outcome(Outcome.Kind.TRANSIENT, 4, "", "the server failed (HTTP 502)", "due"));
    Instant retry = t.nextTurn("alice").orElseThrow();

    CheckReaction reaction = t.afterCheck(renewable(), ServerCheck.refused(clock.instant(), 1000));

    assertThat(reaction).isEqualTo(CheckReaction.NOTHING);
    assertThat(t.nextTurn("alice")).as("the retry stays planned").hasValue(retry);
  }

  @Test
  void aPlainExpiredKeyIsStillReportedOnce() {
    AccountView expired =
        new AccountView(
            "bob", START.minus(Duration.ofHours(5)), START.minus(Duration.ofHours(1)), true, "f2");
    t.see(expired);

    assertThat(t.afterCheck(expired, ServerCheck.refused(START, 1000)))
        .isEqualTo(CheckReaction.REPORT_AND_STOP);
  }
}
