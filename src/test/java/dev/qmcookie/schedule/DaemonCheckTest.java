package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonLoopTest.START;
import static dev.qmcookie.schedule.DaemonLoopTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.testkit.HandClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's live checks, in-process on a hand-moved clock. */
class DaemonCheckTest {
  @TempDir Path home;

  /** One account "alice", fresh until 20h after the start, whose checks say what it is told. */
  final class Checked implements Vaults {
    final AtomicInteger checks = new AtomicInteger();
    final AtomicInteger renewals = new AtomicInteger();
    final AtomicInteger renewalsNow = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    volatile Supplier<ServerCheck> answer;
    volatile Outcome renewNowOutcome = new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed");
    volatile boolean lost;
    volatile Instant issued = START;
    final HandClock clock;

    Checked(HandClock clock, Supplier<ServerCheck> answer) {
      this.clock = clock;
      this.answer = answer;
    }

    @Override
    public Path home() {
      return home;
    }

    @Override
    public List<String> accounts() {
      reads.incrementAndGet();
      return List.of("alice");
    }

    @Override
    public AccountView view(String account) {
      Instant issued = this.issued;
      return new AccountView(
          account,
          issued.plus(Duration.ofHours(20)),
          issued.plus(Duration.ofHours(24)),
          lost,
          "f" + issued);
    }

    @Override
    public Outcome renew(String account) {
      renewals.incrementAndGet();
      issued = clock.instant();
      return new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed");
    }

    @Override
    public Outcome renewNow(String account) {
      renewalsNow.incrementAndGet();
      if (renewNowOutcome.kind() == Outcome.Kind.NEEDS_LOGIN) {
        lost = true;
      } else {
        issued = clock.instant();
      }
      return renewNowOutcome;
    }

    @Override
    public boolean checks() {
      return true;
    }

    @Override
    public Optional<ServerCheck> check(String account) {
      checks.incrementAndGet();
      return Optional.of(answer.get());
    }

    @Override
    public List<Path> export(String account, List<ExportTarget> targets) {
      return List.of();
    }
  }

  @Test
  void theCookieIsCheckedAtTheStartAndThenDaily() throws Exception {
    HandClock clock = new HandClock(START);
    StringWriter out = new StringWriter();
    EventLog log = new EventLog(new PrintWriter(out), EventLog.Format.TEXT, clock);
    Checked vaults = new Checked(clock, () -> ServerCheck.accepted(clock.instant()));
    Daemon daemon = DaemonLoopTest.daemon(vaults, log, clock);
    Thread loop = DaemonLoopTest.started(daemon);
    try {
      await(() -> vaults.checks.get() == 1, out);
      assertThat(out.toString()).contains(" checked account=alice server=accepted code=0");

      // Past the renewal at 20h and the next check at 24h; a file event wakes the loop.
      clock.advance(Duration.ofHours(25));
      Files.writeString(home.resolve("nudge"), "");
      await(() -> vaults.checks.get() == 2 && vaults.renewals.get() == 1, out);
    } finally {
      daemon.stop();
      loop.join(10_000);
    }
    assertThat(vaults.renewalsNow).hasValue(0);
  }

  @Test
  void aRefusalOfAValidKeyRenewsAtOnce() throws Exception {
    HandClock clock = new HandClock(START);
    StringWriter out = new StringWriter();
    EventLog log = new EventLog(new PrintWriter(out), EventLog.Format.TEXT, clock);
    Checked vaults = new Checked(clock, () -> ServerCheck.refused(clock.instant(), 1000));
    Daemon daemon = DaemonLoopTest.daemon(vaults, log, clock);
    Thread loop = DaemonLoopTest.started(daemon);
    try {
      await(() -> out.toString().contains(" renewed account=alice"), out);
    } finally {
      daemon.stop();
      loop.join(10_000);
    }
    assertThat(out.toString()).contains(" checked account=alice server=refused code=1000");
    assertThat(vaults.renewalsNow).hasValue(1);
    assertThat(vaults.renewals).as("the due-time renewal is not the one").hasValue(0);
  }

  @Test
  void aRefusalThatTheRenewalConfirmsIsReportedOnce() throws Exception {
    HandClock clock = new HandClock(START);
    StringWriter out = new StringWriter();
    EventLog log = new EventLog(new PrintWriter(out), EventLog.Format.TEXT, clock);
    Checked vaults = new Checked(clock, () -> ServerCheck.refused(clock.instant(), 1000));
    vaults.renewNowOutcome =
        new Outcome(Outcome.Kind.NEEDS_LOGIN, 3, "", "the login is no longer valid (code 1000)");
    Daemon daemon = DaemonLoopTest.daemon(vaults, log, clock);
    Thread loop = DaemonLoopTest.started(daemon);
    try {
      await(() -> out.toString().contains(" needs-login account=alice code=3"), out);
      clock.advance(Duration.ofDays(5));
      Files.writeString(home.resolve("nudge"), "");
      await(() -> vaults.reads.get() >= 2, out);
    } finally {
      daemon.stop();
      loop.join(10_000);
    }
    assertThat(vaults.checks).as("a lost login is not checked again").hasValue(1);
    assertThat(vaults.renewalsNow).hasValue(1);
    assertThat(vaults.renewals).hasValue(0);
    assertThat(out.toString().lines().filter(l -> l.contains(" needs-login "))).hasSize(1);
  }
}
