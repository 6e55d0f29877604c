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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refusal at the live check that the renewal meant to settle it meets a passing fault: the
 * renewal is retried by the backoff, not turned into a lost login no renewal confirmed.
 */
class DaemonCheckSettleTest {
  @TempDir Path home;

  /**
   * One account "alice" whose check is refused, which marks it needs-login as the vault does, until
   * a renewal stores a new key. Renewals meet a 502 as often as told; an unforced one is stopped by
   * that needs-login, as {@code AccountRenewal} stops it.
   */
  class Refused extends DaemonRun.OneAccount {
    final AtomicInteger forced = new AtomicInteger();
    final AtomicInteger unforced = new AtomicInteger();
    final AtomicInteger faultsLeft;
    final HandClock clock;
    volatile Instant issued = START;
    volatile Instant refusedAt;

    Refused(HandClock clock, int faults) {
      super(home);
      this.clock = clock;
      this.faultsLeft = new AtomicInteger(faults);
    }

    @Override
    public AccountView view(String account) {
      boolean refused = refusedAt != null && !issued.isAfter(refusedAt);
      return new AccountView(
          account,
          issued.plus(Duration.ofHours(20)),
          issued.plus(Duration.ofHours(24)),
          refused,
          "f" + issued);
    }

    @Override
    public Outcome renew(String account) {
      unforced.incrementAndGet();
      return new Outcome(
          Outcome.Kind.NEEDS_LOGIN, 3, "", "the server refused this login at the live check");
    }

    @Override
    public Outcome renewNow(String account) {
      forced.incrementAndGet();
      if (faultsLeft.getAndDecrement() > 0) {
        return new Outcome(Outcome.Kind.TRANSIENT, 4, "", "the server failed (HTTP 502)", "due");
      }
      issued = clock.instant();
      return new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed");
    }

    @Override
    public boolean checks() {
      return true;
    }

    @Override
    public Optional<ServerCheck> check(String account) {
      refusedAt = clock.instant();
      return Optional.of(ServerCheck.refused(refusedAt, 1000));
    }
  }

  @Test
  void aPassingFaultOfTheSettlingRenewalIsRetriedForcedAndTheRenewalSettlesIt() throws Exception {
    HandClock clock = new HandClock(START);
    Refused vaults = new Refused(clock, 1);
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      run.await(() -> run.log().contains(" retrying account=alice"));
      Thread.sleep(300);
      assertThat(run.log()).as("no lost login yet").doesNotContain(" needs-login ");

      // Past the first backoff step; a file event wakes the loop.
      clock.advance(Duration.ofMinutes(2));
      Files.writeString(home.resolve("nudge"), "");
      run.await(() -> run.log().contains(" renewed account=alice"));
    }
    assertThat(vaults.forced).hasValue(2);
    assertThat(vaults.unforced).hasValue(0);
    assertThat(run.log()).doesNotContain(" needs-login ");
  }

  @Test
  void pastTheKeysExpiryTheRefusalIsReportedOnceAndNothingMoreIsSent() throws Exception {
    HandClock clock = new HandClock(START);
    Refused vaults = new Refused(clock, Integer.MAX_VALUE);
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      run.await(() -> run.log().contains(" retrying account=alice"));
      clock.advance(Duration.ofHours(25));
      Files.writeString(home.resolve("nudge"), "");
      run.await(() -> run.log().contains(" needs-login account=alice"));
      clock.advance(Duration.ofDays(3));
      Files.writeString(home.resolve("nudge2"), "");
      Thread.sleep(500);
    }
    assertThat(run.log().lines().filter(l -> l.contains(" needs-login "))).hasSize(1);
    assertThat(vaults.forced.get()).isLessThanOrEqualTo(2);
  }

  @Test
  void aStartAfterARefusedCheckSettlesItByRenewingNotByReportingIt() throws Exception {
    HandClock clock = new HandClock(START);
    // A status --check refused the key before this daemon started; it runs without checks, and
    // the key is due.
    Refused vaults =
        new Refused(clock, 0) {
          @Override
          public boolean checks() {
            return false;
          }

          @Override
          public AccountView view(String account) {
            AccountView v = super.view(account);
            return new AccountView(
                v.name(),
                v.dueAt(),
                v.expiresAt(),
                v.needsLogin(),
                v.fingerprint(),
                null,
                v.needsLogin());
          }
        };
    vaults.issued = START.minus(Duration.ofHours(21));
    vaults.refusedAt = START.minus(Duration.ofMinutes(5));
    DaemonRun run = new DaemonRun(vaults, clock);
    try (run) {
      run.await(() -> run.log().contains(" renewed account=alice"));
    }
    assertThat(vaults.forced).hasValue(1);
    assertThat(vaults.unforced).hasValue(0);
    assertThat(run.log()).doesNotContain(" needs-login ");
  }
}
