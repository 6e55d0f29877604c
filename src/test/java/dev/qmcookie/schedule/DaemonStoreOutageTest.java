package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonRun.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.testkit.HandClock;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared store stops answering: the exports keep their cookie, turns back off as passing
 * faults, the outage is alerted once after ten minutes of the daemon's clock, and when the store
 * answers again the daemon says so and carries on by itself.
 */
class DaemonStoreOutageTest {
  // Re-read often, so that moving the hand clock is noticed at once.
  static final Duration CATCH_UP = Duration.ofMillis(50);
  static final String ALERT_LINE = "Z store-unreachable since=2026-11-25T08:00:00Z";

  @TempDir Path home;
  @TempDir Path tmp;

  @Test
  void tenMinutesOfSilenceAlertOnceTheExportsAreKeptAndTheReturnIsToldAndFollowed()
      throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice", START.plus(Duration.ofMinutes(5)).minus(SharedAccounts.DUE_AFTER));
    Path hook = tmp.resolve("hook");
    String onFailure =
        "printf '%s|%s|%s|%s\\n' \"$QMCOOKIE_ACCOUNT\" \"$QMCOOKIE_STATE\" \"$QMCOOKIE_OUTCOME\""
            + " \"$QMCOOKIE_EXIT_CODE\" >> "
            + hook;
    String log;
    try (MockWebServer alerts = new MockWebServer()) {
      alerts.start(InetAddress.getLoopbackAddress(), 0);
      for (int i = 0; i < 4; i++) {
        alerts.enqueue(new MockResponse.Builder().code(204).build());
      }
      DaemonRun run =
          new DaemonRun(
              store,
              clock,
              DaemonSkipTest.notifier(alerts, clock),
              List.of(ExportTarget.parse("header:" + tmp.resolve("tencent"))),
              onFailure,
              CATCH_UP);
      try (run) {
        run.await(() -> store.exports.contains("alice#1"));

        store.down = true;
        run.await(() -> run.log().contains("error message=\"cannot read the store: "));
        // Another host renews meanwhile; this one cannot see it yet.
        clock.set(START.plus(Duration.ofMinutes(1)));
        store.store("alice");

        clock.set(START.plus(Duration.ofMinutes(5)));
        run.await(() -> run.log().contains("state=store-unreachable"));
        clock.set(START.plus(Duration.ofMinutes(9)).plusSeconds(59));
        int renewals = store.renewals.get();
        Thread.sleep(300);
        assertThat(run.log()).doesNotContain(ALERT_LINE);

        clock.set(START.plus(StoreOutage.ALERT_AFTER));
        run.await(() -> run.log().contains(ALERT_LINE) && alerts.getRequestCount() == 1);
        clock.set(START.plus(Duration.ofMinutes(40)));
        run.await(() -> store.renewals.get() > renewals);
        Thread.sleep(300);
        assertThat(store.exports).as("no export while the store is silent").hasSize(1);

        store.down = false;
        run.await(() -> run.log().contains(" store-back down=2400s"));
        run.await(() -> store.exports.contains("alice#2"));

        // A later outage is alerted again.
        store.down = true;
        run.await(() -> run.log().lines().filter(l -> l.contains(" error ")).count() == 2);
        clock.set(START.plus(Duration.ofMinutes(50)));
        run.await(() -> alerts.getRequestCount() == 2);
      }
      log = run.log();

      JsonNode alert =
          new ObjectMapper().readTree(alerts.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
      assertThat(alert.get("event").asText()).isEqualTo("store-unreachable");
      assertThat(alert.get("state").asText()).isEqualTo("store-unreachable");
      assertThat(alert.get("code").asInt()).isEqualTo(4);
      assertThat(alert.get("message").asText())
          .contains("has not answered for 10 minutes")
          .contains(SharedAccounts.DOWN_MESSAGE)
          .contains("every export keeps its last cookie");
    }
    assertThat(log.lines().filter(l -> l.contains("Z store-unreachable since="))).hasSize(2);
    assertThat(log.lines().filter(l -> l.contains(" store-back "))).hasSize(1);
    assertThat(log)
        .doesNotContain("hook-ran account=alice")
        .contains(" exported account=alice why=stored");
    assertThat(store.exports).containsExactly("alice#1", "alice#2");
    assertThat(Files.readAllLines(hook))
        .containsExactly("|store-unreachable|transient|4", "|store-unreachable|transient|4");
  }

  @Test
  void aTurnThatWaitedForTheStoreIsTakenAsSoonAsItAnswersWithoutAnAlertOfItsOwn() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice", START.minus(SharedAccounts.DUE_AFTER));
    AtomicInteger tries = new AtomicInteger();
    store.renewal =
        name -> {
          if (tries.incrementAndGet() == 1) {
            // The store goes away in the middle of the first renewal.
            store.down = true;
            return new Outcome(
                Outcome.Kind.TRANSIENT,
                4,
                "",
                SharedAccounts.DOWN_MESSAGE,
                Verdict.STORE_UNREACHABLE.id());
          }
          store.store(name);
          return new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed via http");
        };
    Path hook = tmp.resolve("hook");
    DaemonRun run =
        new DaemonRun(
            store, clock, null, List.of(), "echo \"$QMCOOKIE_STATE\" >> " + hook, CATCH_UP);
    try (run) {
      run.await(
          () ->
              run.log()
                  .contains(
                      " retrying account=alice failures=1 next=2026-11-25T08:01:00Z message=\""
                          + SharedAccounts.DOWN_MESSAGE
                          + "\" state=store-unreachable"));
      clock.set(START.plusSeconds(10));
      Thread.sleep(300);
      assertThat(tries).as("the backoff holds while the store is silent").hasValue(1);

      store.down = false;
      run.await(() -> run.log().contains(" renewed account=alice"));
    }
    assertThat(tries).hasValue(2);
    assertThat(hook).as("no --on-failure for one account's turn").doesNotExist();
    assertThat(run.log()).doesNotContain("Z store-unreachable ").doesNotContain(" store-back ");
  }

  @Test
  void aStoreThatAnswersReadsButRefusesWritesBacksOffAndIsAlertedAfterTenMinutes()
      throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice", START.minus(SharedAccounts.DUE_AFTER));
    store.refusesWrites = true;
    Path hook = tmp.resolve("hook");
    DaemonRun run =
        new DaemonRun(
            store, clock, null, List.of(), "echo \"$QMCOOKIE_STATE\" >> " + hook, CATCH_UP);
    try (run) {
      run.await(() -> run.log().contains(" retrying account=alice failures=1 "));
      // The first read that answers brings the turn forward once; it fails again.
      run.await(() -> run.log().contains(" retrying account=alice failures=2 "));
      // Many more re-reads answer; none ends the outage or brings the turn forward again.
      int reads = store.reads.get();
      run.await(() -> store.reads.get() > reads + 5);
      assertThat(store.renewals).as("one try per backoff, not one per read").hasValue(2);

      clock.set(START.plus(StoreOutage.ALERT_AFTER));
      run.await(() -> run.log().contains(ALERT_LINE));
      // The alert comes with the turn due then, or with the re-read just before it.
      run.await(() -> run.log().contains(" retrying account=alice failures=3 "));
      assertThat(store.renewals).hasValue(3);

      store.refusesWrites = false;
      clock.set(START.plus(StoreOutage.ALERT_AFTER).plus(Planner.backoff(3)));
      run.await(() -> run.log().contains(" renewed account=alice"));
      run.await(() -> run.log().contains(" store-back down=840s"));
    }
    assertThat(Files.readAllLines(hook)).containsExactly("store-unreachable");
    assertThat(run.log().lines().filter(l -> l.contains(" store-back "))).hasSize(1);
  }

  @Test
  void aStoreThatRefusesWritesIsAlertedAfterTenMinutesEvenBetweenTwoTurns() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice", START.minus(SharedAccounts.DUE_AFTER));
    store.refusesWrites = true;
    DaemonRun run = new DaemonRun(store, clock, null, List.of(), null, CATCH_UP);
    try (run) {
      run.await(() -> run.log().contains(" retrying account=alice failures=2 "));
      // Each turn as its backoff comes, until the next one would come after the ten minutes.
      java.time.Instant at = START.plus(Planner.backoff(2));
      int failures = 3;
      while (at.isBefore(START.plus(StoreOutage.ALERT_AFTER))) {
        clock.set(at);
        String line = " retrying account=alice failures=" + failures + " ";
        run.await(() -> run.log().contains(line));
        at = at.plus(Planner.backoff(failures));
        failures++;
      }
      int turns = store.renewals.get();
      assertThat(run.log()).doesNotContain(ALERT_LINE);

      clock.set(START.plus(StoreOutage.ALERT_AFTER));
      run.await(() -> run.log().contains(ALERT_LINE));
      assertThat(store.renewals).as("brought by a re-read, not by a turn").hasValue(turns);
    }
    assertThat(run.log().lines().filter(l -> l.contains(ALERT_LINE))).hasSize(1);
  }

  @Test
  void aStoreThatFlapsGivesTheWaitingTurnAnEarlyTryEachTimeItAnswersAgain() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice", START.minus(SharedAccounts.DUE_AFTER));
    store.refusesWrites = true;
    DaemonRun run = new DaemonRun(store, clock, null, List.of(), null, CATCH_UP);
    try (run) {
      run.await(() -> run.log().contains(" retrying account=alice failures=2 "));

      // Away, then back: the hand clock stands still, so only the store's return brings a try.
      store.down = true;
      Thread.sleep(300); // a few re-reads, every 50 ms, that fail
      store.down = false;

      run.await(() -> run.log().contains(" retrying account=alice failures=3 "));
    }
    assertThat(store.renewals).hasValue(3);
  }
}
