package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonRun.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.schedule.DaemonRun.OneAccount;
import dev.qmcookie.testkit.HandClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's loop in-process, on a hand-moved clock: it takes exactly the turns its timetable
 * gives. Proving that nothing happens needs no waiting: once the clock is moved on and the loop
 * woken, any turn due by then is taken before a stop request is even read.
 */
class DaemonLoopTest {
  @TempDir Path home;

  /** Due now, and every renewal is refused as a lost login. */
  class LostLogin extends OneAccount {
    LostLogin() {
      super(home);
    }

    final AtomicInteger renewals = new AtomicInteger();
    volatile boolean refused;

    @Override
    public AccountView view(String account) {
      return new AccountView(account, START, START.plus(Duration.ofHours(4)), refused, "f1");
    }

    @Override
    public Outcome renew(String account) {
      renewals.incrementAndGet();
      refused = true;
      return new Outcome(
          Outcome.Kind.NEEDS_LOGIN, 3, "", "the login is no longer valid (code 104401)");
    }
  }

  @Test
  void aLostLoginIsTriedOnceAndReportedOnceHoweverLongTheDaemonRuns() throws Exception {
    HandClock clock = new HandClock(START);
    LostLogin vaults = new LostLogin();
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      run.await(() -> run.log().contains(" needs-login account=alice code=3"));

      // A month passes; a file event wakes the loop, which re-reads the home.
      clock.advance(Duration.ofDays(30));
      Files.writeString(home.resolve("nudge"), "");
      run.await(() -> vaults.reads.get() >= 2);
    }

    assertThat(run.loop.isAlive()).isFalse();
    assertThat(vaults.renewals).hasValue(1);
    assertThat(run.log().lines().filter(l -> l.contains(" needs-login "))).hasSize(1);
    assertThat(run.log()).contains(" stopped");
  }

  @Test
  void aVerificationIsLoggedOnceWithItsStateAndMessage() throws Exception {
    HandClock clock = new HandClock(START);
    LostLogin vaults =
        new LostLogin() {
          @Override
          public Outcome renew(String account) {
            super.renew(account);
            return new Outcome(
                Outcome.Kind.NEEDS_LOGIN,
                3,
                "",
                "the server wants a security verification (code 2001)",
                "needs-verification");
          }
        };
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      run.await(() -> run.log().contains(" needs-verification account=alice code=3"));
      clock.advance(Duration.ofDays(2));
      Files.writeString(home.resolve("nudge"), "");
      run.await(() -> vaults.reads.get() >= 2);
    }

    assertThat(vaults.renewals).hasValue(1);
    assertThat(run.log().lines().filter(l -> l.contains(" needs-verification ")))
        .singleElement()
        .asString()
        .contains("security verification (code 2001)");
  }

  @Test
  void aStopIsHeardBetweenAttemptsEvenWhenTheNextAccountIsDueAlready() throws Exception {
    // The clock stands still, so the account is due again the moment it is renewed: after a long
    // suspend, with many accounts, every turn is in the past like this.
    HandClock clock = new HandClock(START);
    AtomicInteger renewals = new AtomicInteger();
    Vaults alwaysDue =
        new OneAccount(home) {
          @Override
          public AccountView view(String account) {
            return new AccountView(
                account, START, START.plus(Duration.ofHours(4)), false, "f" + renewals.get());
          }

          @Override
          public Outcome renew(String account) {
            renewals.incrementAndGet();
            return new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed via http");
          }
        };
    DaemonRun run = new DaemonRun(alwaysDue, clock);
    try {
      run.await(() -> renewals.get() >= 1);
      run.close();
      assertThat(run.loop.isAlive()).as("the stop request was never read").isFalse();
    } finally {
      run.loop.interrupt();
    }
    assertThat(run.log()).contains(" stopped");
  }

  @Test
  void overdueAccountsAreRenewedOneAfterAnotherWithoutReReadingTheHomeBetweenThem()
      throws Exception {
    HandClock clock = new HandClock(START);
    List<String> names = List.of("a1", "a2", "a3", "a4", "a5");
    java.util.Set<String> renewed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    List<Integer> readsAtEachRenewal = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger reads = new AtomicInteger();
    Vaults overdue =
        new Vaults() {
          @Override
          public Path home() {
            return home;
          }

          @Override
          public List<String> accounts() {
            reads.incrementAndGet();
            return names;
          }

          @Override
          public AccountView view(String account) {
            Instant due = renewed.contains(account) ? START.plus(Duration.ofHours(20)) : START;
            return new AccountView(account, due, START.plus(Duration.ofHours(24)), false, "f");
          }

          @Override
          public Outcome renew(String account) {
            readsAtEachRenewal.add(reads.get());
            renewed.add(account);
            try {
              // As a real save does: the watcher sees it and queues a change.
              Files.writeString(home.resolve(account + ".json"), "saved");
              Thread.sleep(100);
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
            return new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed via http");
          }

          @Override
          public List<Path> export(String account, List<ExportTarget> targets) {
            return List.of();
          }
        };
    DaemonRun run = new DaemonRun(overdue, clock);
    try (run) {
      run.await(() -> readsAtEachRenewal.size() == names.size());
    }

    // One read at the start; the daemon's own saves are read only once every due turn is taken.
    assertThat(readsAtEachRenewal).containsOnly(1);
  }
}
