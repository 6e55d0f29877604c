package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lease outlives its time while its holder is alive, and only then. */
class LeaseHeartbeatTest {
  static final Duration SHORT_LEASE = Duration.ofSeconds(1);
  static final String LEASE_KEY = AccountLeaseTest.LEASE_KEY;

  @AutoClose final RedisServer redis = RedisServer.started();
  @TempDir Path dir;
  @AutoClose Hosts hosts;
  Account a;
  Account b;

  @BeforeEach
  void twoHosts() throws Exception {
    hosts = new Hosts(redis, dir);
    a =
        hosts
            .vault("host-a:1", hosts.open(hosts.settings("host-a:1", SHORT_LEASE)))
            .account("default");
    b =
        hosts
            .vault("host-b:2", hosts.open(hosts.settings("host-b:2", SHORT_LEASE)))
            .account("default");
  }

  @Test
  void aOneSecondLeaseHeldForThreeSecondsKeepsOthersOutUntilReleased() throws Exception {
    AccountHold held = a.lockToRenew().orElseThrow();
    String value = redis.raw().get(LEASE_KEY);

    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < until) {
      assertThat(b.lockToRenew()).isEmpty();
      assertThat(redis.raw().get(LEASE_KEY)).isEqualTo(value);
      Thread.sleep(200);
    }
    held.close();

    try (AccountHold next = b.lockToRenew().orElseThrow()) {
      assertThat(redis.raw().get(LEASE_KEY)).startsWith("host-b:2 ");
      Thread.sleep(SHORT_LEASE.toMillis() + 500);
      // The released lease's heartbeat stopped: it does not touch the next holder's.
      assertThat(redis.raw().get(LEASE_KEY)).startsWith("host-b:2 ");
    }
  }

  @Test
  void aHolderThatStopsExtendingLosesItsLeaseWithinItsTime() throws Exception {
    AccountHold held = a.lockToRenew().orElseThrow();
    Thread.sleep(1500); // extended past its first second
    assertThat(b.lockToRenew()).isEmpty();

    AccountLeaseTest.stopped(held);

    Optional<AccountHold> taken = Optional.empty();
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (taken.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      taken = b.lockToRenew();
    }
    assertThat(taken).isPresent();
    taken.get().close();
    held.close();
  }

  @Test
  void aHeartbeatDoesNotExtendALeaseThatRanOutAndWasTaken() throws Exception {
    AccountHold held = a.lockToRenew().orElseThrow();
    redis.raw().set(LEASE_KEY, "host-b:2 theirs"); // as if it ran out and host b took it
    redis.raw().pexpire(LEASE_KEY, 800);

    Thread.sleep(SHORT_LEASE.toMillis());

    assertThat(redis.raw().exists(LEASE_KEY)).isFalse();
    held.close();
  }

  @Test
  void aLiveHolderStopsExtendingAfterItsMaximumHold() throws Exception {
    AccountHold held = a.lockToRenew().orElseThrow();
    long taken = System.nanoTime();
    ((AccountLease) held).limitHold(Duration.ofSeconds(2));

    Optional<AccountHold> taker = Optional.empty();
    long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
    while (taker.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      taker = b.lockToRenew();
    }

    assertThat(taker).as("the stuck holder's lease ran out").isPresent();
    // Extended past its first second, then let run out after the two-second hold.
    assertThat(Duration.ofNanos(System.nanoTime() - taken)).isGreaterThan(Duration.ofSeconds(2));
    taker.get().close();
    held.close();
  }

  @Test
  void theMaximumHoldIsThreeLeaseTimesAndFifteenMinutesAtLeast() {
    assertThat(AccountLease.maxHold(Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(15));
    assertThat(AccountLease.maxHold(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(15));
    assertThat(AccountLease.maxHold(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(30));
  }
}
