package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonRun.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.HandClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account another host of the shared store is renewing: this host skips it quietly, and looks
 * again when the other's hold runs out, or takes the other's new cookie when it shows.
 */
class DaemonSkipTest {
  static final String WHY = "another host is renewing it (host-b:4121)";
  static final Instant HOLD_ENDS = START.plus(Duration.ofMinutes(3));

  @TempDir Path home;
  @TempDir Path tmp;

  /** Due at the start; the first renewal finds host-b holding it, later ones renew. */
  SharedAccounts heldOnce(HandClock clock) {
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice", START.minus(SharedAccounts.DUE_AFTER));
    AtomicInteger tries = new AtomicInteger();
    store.renewal =
        name -> {
          if (tries.incrementAndGet() == 1) {
            return Outcome.skipped(WHY, HOLD_ENDS);
          }
          store.store(name);
          return new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed via http");
        };
    return store;
  }

  @Test
  void aSkippedAccountIsTriedAgainWhenTheHoldRunsOutNotBeforeAndWithoutAnAlert() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = heldOnce(clock);
    Path hookRan = tmp.resolve("on-failure-ran");
    String log;
    try (MockWebServer alerts = new MockWebServer()) {
      alerts.start(InetAddress.getLoopbackAddress(), 0);
      DaemonRun run =
          new DaemonRun(
              store,
              clock,
              notifier(alerts, clock),
              List.of(),
              "touch " + hookRan,
              DaemonStoreTest.NEVER);
      try (run) {
        run.await(() -> run.log().contains(" skipped account=alice"));

        clock.set(HOLD_ENDS.minusSeconds(1));
        int reads = store.reads.get();
        store.publish();
        run.await(() -> store.reads.get() > reads);
        assertThat(store.renewals).as("not before the hold runs out").hasValue(1);

        clock.set(HOLD_ENDS);
        store.publish();
        run.await(() -> run.log().contains(" renewed account=alice"));
      }
      log = run.log();
      assertThat(alerts.getRequestCount()).isZero();
    }
    assertThat(store.renewals).hasValue(2);
    assertThat(hookRan).doesNotExist();
    assertThat(log)
        .contains(" skipped account=alice next=2026-11-25T08:03:00Z message=\"" + WHY + "\"")
        .doesNotContain(" retrying ")
        .doesNotContain(" hook-");
  }

  @Test
  void theOtherHostsNewCookieReschedulesTheAccountWithoutARenewalHere() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = heldOnce(clock);
    Path export = tmp.resolve("tencent");
    DaemonRun run =
        new DaemonRun(
            store,
            clock,
            null,
            List.of(ExportTarget.parse("header:" + export)),
            null,
            DaemonStoreTest.NEVER);
    try (run) {
      run.await(() -> run.log().contains(" skipped account=alice"));

      // host-b's renewal lands a minute later; its message reaches this host.
      clock.advance(Duration.ofMinutes(1));
      store.store("alice");
      store.publish();
      run.await(() -> store.exports.contains("alice#2"));

      clock.set(HOLD_ENDS.plus(Duration.ofMinutes(1)));
      int reads = store.reads.get();
      store.publish();
      run.await(() -> store.reads.get() > reads);
    }
    assertThat(store.renewals).hasValue(1);
    assertThat(run.log())
        .contains(" changed account=alice")
        .contains(" exported account=alice why=stored")
        .contains(" scheduled account=alice due=2026-11-26T04:01:00Z");
  }

  static Notifier notifier(MockWebServer alerts, HandClock clock) {
    return new Notifier(
        NotifierTest.CLIENT,
        alerts.url("/alert"),
        Notifier.BACKOFF,
        d -> {},
        new EventLog(new PrintWriter(new StringWriter()), EventLog.Format.TEXT, clock),
        clock);
  }
}
