package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonRun.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.testkit.HandClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's live checks, in-process on a hand-moved clock. */
class DaemonCheckTest {
  @TempDir Path home;

  /** One account "alice", fresh until 20h after the start, whose checks say what it is told. */
  final class Checked extends DaemonRun.OneAccount {
    final AtomicInteger checks = new AtomicInteger();
    final AtomicInteger renewals = new AtomicInteger();
    final AtomicInteger renewalsNow = new AtomicInteger();
    volatile Supplier<ServerCheck> answer;
    volatile Outcome renewNowOutcome = new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed");
    volatile boolean lost;
    volatile Instant issued = START;
    final HandClock clock;

    Checked(HandClock clock, Supplier<ServerCheck> answer) {
      super(home);
      this.clock = clock;
      this.answer = answer;
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
  }

  @Test
  void theCookieIsCheckedAtTheStartAndThenDaily() throws Exception {
    HandClock clock = new HandClock(START);
    Checked vaults = new Checked(clock, () -> ServerCheck.accepted(clock.instant()));
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      // The check is counted as it is asked, and logged after it answers.
      run.await(() -> vaults.checks.get() == 1 && run.log().contains(" checked "));
      assertThat(run.log()).contains(" checked account=alice server=accepted code=0");

      // Past the renewal at 20h and the next check at 24h; a file event wakes the loop.
      clock.advance(Duration.ofHours(25));
      Files.writeString(home.resolve("nudge"), "");
      run.await(() -> vaults.checks.get() == 2 && vaults.renewals.get() == 1);
    }
    assertThat(vaults.renewalsNow).hasValue(0);
  }

  @Test
  void aRefusalOfAValidKeyRenewsAtOnce() throws Exception {
    HandClock clock = new HandClock(START);
    Checked vaults = new Checked(clock, () -> ServerCheck.refused(clock.instant(), 1000));
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      run.await(() -> run.log().contains(" renewed account=alice"));
    }
    assertThat(run.log()).contains(" checked account=alice server=refused code=1000");
    assertThat(vaults.renewalsNow).hasValue(1);
    assertThat(vaults.renewals).as("the due-time renewal is not the one").hasValue(0);
  }

  @Test
  void aRefusalThatTheRenewalConfirmsIsReportedOnce() throws Exception {
    HandClock clock = new HandClock(START);
    Checked vaults = new Checked(clock, () -> ServerCheck.refused(clock.instant(), 1000));
    vaults.renewNowOutcome =
        new Outcome(Outcome.Kind.NEEDS_LOGIN, 3, "", "the login is no longer valid (code 1000)");
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      run.await(() -> run.log().contains(" needs-login account=alice code=3"));
      clock.advance(Duration.ofDays(5));
      Files.writeString(home.resolve("nudge"), "");
      run.await(() -> vaults.reads.get() >= 2);
    }
    assertThat(vaults.checks).as("a lost login is not checked again").hasValue(1);
    assertThat(vaults.renewalsNow).hasValue(1);
    assertThat(vaults.renewals).hasValue(0);
    assertThat(run.log().lines().filter(l -> l.contains(" needs-login "))).hasSize(1);
  }
}
