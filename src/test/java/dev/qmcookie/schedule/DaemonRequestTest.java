package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonRun.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.testkit.HandClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Renew now" and "check now", asked of the loop from another thread (the page's). */
class DaemonRequestTest {
  @TempDir Path home;

  /** Alice, fresh for 20h: nothing is due, so only a request makes the loop renew or check. */
  final class Fresh extends DaemonRun.OneAccount {
    final AtomicInteger renewals = new AtomicInteger();
    final AtomicInteger renewalsNow = new AtomicInteger();
    final AtomicInteger checks = new AtomicInteger();
    final HandClock clock;
    final boolean checking;
    volatile Instant issued = START;

    Fresh(HandClock clock, boolean checking) {
      super(home);
      this.clock = clock;
      this.checking = checking;
    }

    @Override
    public AccountView view(String account) {
      return new AccountView(
          account,
          issued.plus(Duration.ofHours(20)),
          issued.plus(Duration.ofHours(24)),
          false,
          "f" + issued);
    }

    @Override
    public Outcome renew(String account) {
      renewals.incrementAndGet();
      return new Outcome(Outcome.Kind.NOT_DUE, 0, "", "not due");
    }

    @Override
    public Outcome renewNow(String account) {
      renewalsNow.incrementAndGet();
      issued = clock.instant().plusSeconds(1);
      return new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed");
    }

    @Override
    public boolean checks() {
      return checking;
    }

    @Override
    public Optional<ServerCheck> check(String account) {
      checks.incrementAndGet();
      return Optional.of(ServerCheck.accepted(clock.instant()));
    }
  }

  @Test
  void aRequestedRenewalIsDoneByTheLoopAsItsOwnWouldBe() throws Exception {
    HandClock clock = new HandClock(START);
    Fresh vaults = new Fresh(clock, false);
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      run.await(() -> run.log().contains(" scheduled account=alice"));
      run.daemon.request(Daemon.Action.RENEW, "alice");
      run.await(() -> run.log().contains(" renewed account=alice"));
    }
    assertThat(run.log()).contains(" requested account=alice action=renew");
    assertThat(vaults.renewalsNow).hasValue(1);
    assertThat(vaults.renewals).as("nothing was due").hasValue(0);
  }

  @Test
  void aRequestedCheckAsksTheServer() throws Exception {
    HandClock clock = new HandClock(START);
    Fresh vaults = new Fresh(clock, true);
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      // The start's own check first.
      run.await(() -> vaults.checks.get() == 1 && run.log().contains(" checked "));
      run.daemon.request(Daemon.Action.CHECK, "alice");
      run.await(() -> vaults.checks.get() == 2);
      run.await(() -> run.log().lines().filter(l -> l.contains(" checked ")).count() == 2);
    }
    assertThat(run.log()).contains(" requested account=alice action=check");
    assertThat(vaults.renewalsNow).hasValue(0);
  }

  @Test
  void aCheckWithChecksOffAndAnAccountNotReadAreSkipped() throws Exception {
    HandClock clock = new HandClock(START);
    Fresh vaults = new Fresh(clock, false);
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      run.await(() -> run.log().contains(" scheduled account=alice"));
      run.daemon.request(Daemon.Action.CHECK, "alice");
      run.daemon.request(Daemon.Action.RENEW, "bob");
      run.await(() -> run.log().contains(" skipped account=bob"));
    }
    assertThat(run.log()).contains(" skipped account=alice message=\"live checks are off\"");
    assertThat(vaults.checks).hasValue(0);
    assertThat(vaults.renewalsNow).hasValue(0);
  }
}
