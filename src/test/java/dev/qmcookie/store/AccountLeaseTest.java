package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountLeaseTest {
  static final String LEASE_KEY = "qmcookie:account:default:lease";

  @AutoClose final RedisServer redis = RedisServer.started();
  @TempDir Path dir;
  @AutoClose Hosts hosts;

  Account account(String holder, Duration lease) throws Exception {
    if (hosts == null) {
      hosts = new Hosts(redis, dir);
    }
    return hosts.vault(holder, hosts.open(hosts.settings(holder, lease))).account("default");
  }

  /** A hold whose holder stopped or died: its heartbeat no longer extends the lease. */
  static AccountHold stopped(AccountHold hold) {
    ((AccountLease) hold).stopHeartbeat();
    return hold;
  }

  @Test
  void whileOneHostRenewsTheOtherSkipsAndIsToldWho() throws Exception {
    Account a = account("host-a:1", Hosts.LEASE);
    Account b = account("host-b:2", Hosts.LEASE);

    try (AccountHold held = a.lockToRenew().orElseThrow()) {
      assertThat(b.lockToRenew()).isEmpty();
      assertThat(b.holder()).isEqualTo("host-a:1");
      assertThat(b.holdLimit()).isBetween(Hosts.LEASE.minusSeconds(5), Hosts.LEASE);
      String value = redis.raw().get(LEASE_KEY);
      assertThat(value).startsWith("host-a:1 ");
      assertThat(redis.raw().pttl(LEASE_KEY)).isBetween(1L, Hosts.LEASE.toMillis());
    }

    assertThat(redis.raw().exists(LEASE_KEY)).isFalse();
    try (AccountHold held = b.lockToRenew().orElseThrow()) {
      assertThat(redis.raw().get(LEASE_KEY)).startsWith("host-b:2 ");
    }
  }

  @Test
  void aLeaseWhoseHolderDiedRunsOutAndLetsAnotherIn() throws Exception {
    Account a = account("host-a:1", Duration.ofMillis(300));
    Account b = account("host-b:2", Hosts.LEASE);

    stopped(a.lockToRenew().orElseThrow()); // never closed: the holder died
    assertThat(b.lockToRenew()).isEmpty();
    assertThat(b.holdLimit()).isLessThanOrEqualTo(Duration.ofMillis(300));

    Optional<AccountHold> taken = Optional.empty();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (taken.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      taken = b.lockToRenew();
    }
    assertThat(taken).isPresent();
    taken.get().close();
  }

  @Test
  void aHolderWhoseLeaseRanOutDoesNotReleaseTheNextOne() throws Exception {
    Account a = account("host-a:1", Duration.ofMillis(200));
    Account b = account("host-b:2", Hosts.LEASE);
    AccountHold late = stopped(a.lockToRenew().orElseThrow()); // as if SIGSTOPped
    AccountHold next = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (next == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
      next = b.lockToRenew().orElse(null);
    }
    assertThat(next).isNotNull();

    late.close();

    assertThat(redis.raw().get(LEASE_KEY)).startsWith("host-b:2 ");
    next.close();
    assertThat(redis.raw().exists(LEASE_KEY)).isFalse();
  }

  @Test
  void aWriterWaitsForTheLeaseThenFailsAsBusyNamingTheHolder() throws Exception {
    Account a = account("host-a:1", Hosts.LEASE);
    Account b = account("host-b:2", Hosts.LEASE);

    try (AccountHold held = a.lockToRenew().orElseThrow()) {
      long started = System.nanoTime();
      assertThatThrownBy(b::lock)
          .isInstanceOf(TransientFailureException.class)
          .hasMessage("account default is busy: host-a:1 is renewing it; try again later");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Hosts.LOCK_TIMEOUT);
    }
  }

  @Test
  void aWriterGetsTheLeaseOnceItIsLetGo() throws Exception {
    Account a = account("host-a:1", Hosts.LEASE);
    Account b = account("host-b:2", Hosts.LEASE);
    AccountHold held = a.lockToRenew().orElseThrow();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<String> waiting =
          CompletableFuture.supplyAsync(
              () -> {
                try (AccountHold got = b.lock()) {
                  return redis.raw().get(LEASE_KEY);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              pool);
      Thread.sleep(150);
      held.close();
      assertThat(waiting.get()).startsWith("host-b:2 ");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoThreadsOfOneHostExcludeEachOther() throws Exception {
    Account a = account("host-a:1", Hosts.LEASE);
    Account alsoA = hosts.account("host-a:1");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (AccountHold held = a.lockToRenew().orElseThrow()) {
      assertThat(pool.submit(() -> alsoA.lockToRenew().isPresent()).get()).isFalse();
      // The same thread re-enters, as a save under a renewal's hold does.
      try (AccountHold inner = alsoA.lock()) {
        assertThat(redis.raw().get(LEASE_KEY)).startsWith("host-a:1 ");
      }
      assertThat(redis.raw().exists(LEASE_KEY)).isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(redis.raw().exists(LEASE_KEY)).isFalse();
  }
}
