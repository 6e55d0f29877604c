package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.vault.AccountHold;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save whose compare-and-set could not reach Redis is tried again while that is safe. */
class FencedSaveRetryTest {
  static final String ACCOUNT = "qmcookie:account:default";

  @AutoClose final RedisServer redis = RedisServer.started();
  @TempDir Path dir;
  @AutoClose Hosts hosts;
  RedisStore store;
  final List<Duration> pauses = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    hosts = new Hosts(redis, dir);
    store = hosts.open("host-a:1");
  }

  FencedSave save(AccountLease lease, FencedSave.Pause pause) {
    return new FencedSave(
        "default", dir.resolve("default"), store.connection(), Seal.plaintext(), 0, lease, pause);
  }

  @Test
  void aStoreBackAfterABlinkTakesTheSaveOnTheRetry() throws Exception {
    redis.stop();

    save(
            null,
            pause -> {
              pauses.add(pause);
              redis.start();
            })
        .commit(SampleCookies.fullRecord());

    assertThat(pauses).containsExactly(Duration.ofMillis(500));
    assertThat(redis.raw().hget(ACCOUNT, "version")).isEqualTo("1");
  }

  @Test
  void aStoreThatStaysAwayFailsAfterTheWholeBackoff() {
    redis.stop();

    assertThatThrownBy(() -> save(null, pauses::add).commit(SampleCookies.fullRecord()))
        .isInstanceOf(TransientFailureException.class);

    assertThat(pauses)
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4));
  }

  @Test
  void aVersionThatMovedMeanwhileStillRefuses() {
    redis.stop();

    assertThatThrownBy(
            () ->
                save(
                        null,
                        pause -> {
                          redis.start();
                          redis.raw().hset(ACCOUNT, "version", "5"); // another host wrote
                        })
                    .commit(SampleCookies.fullRecord()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("holds version 5");
    assertThat(redis.raw().hget(ACCOUNT, "version")).isEqualTo("5");
  }

  @Test
  void aLeaseThatIsNoLongerOursIsNotRetriedUnder() throws Exception {
    RedisStore shortLease = hosts.open(hosts.settings("host-a:2", Duration.ofSeconds(1)));
    AccountHold hold =
        hosts.vault("host-a:2", shortLease).account("default").lockToRenew().orElseThrow();
    AccountLease lease = (AccountLease) AccountLeaseTest.stopped(hold);
    Thread.sleep(1200);
    redis.stop();

    assertThatThrownBy(() -> save(lease, pauses::add).commit(SampleCookies.fullRecord()))
        .isInstanceOf(TransientFailureException.class);

    assertThat(pauses).isEmpty();
    redis.start();
    hold.close();
  }

  AccountHold heldFor(Duration leaseTime) throws Exception {
    RedisStore shortLease = hosts.open(hosts.settings("host-a:2", leaseTime));
    AccountHold hold =
        hosts.vault("host-a:2", shortLease).account("default").lockToRenew().orElseThrow();
    return AccountLeaseTest.stopped(hold);
  }

  @Test
  void aPauseThatWouldEndAfterTheLeaseRunsOutIsNotTaken() throws Exception {
    AccountHold hold = heldFor(Duration.ofSeconds(3));
    redis.stop();

    // The pauses take no time here: only the 4 s one would end after the 3 s lease.
    assertThatThrownBy(
            () -> save((AccountLease) hold, pauses::add).commit(SampleCookies.fullRecord()))
        .isInstanceOf(TransientFailureException.class);

    assertThat(pauses)
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    redis.start();
    hold.close();
  }

  @Test
  void aLeaseThatRanOutDuringThePauseIsNotWrittenUnder() throws Exception {
    AccountHold hold = heldFor(Duration.ofSeconds(2));
    redis.stop();

    assertThatThrownBy(
            () ->
                save(
                        (AccountLease) hold,
                        pause -> {
                          Thread.sleep(2200); // a pause that overran: the JVM stalled
                          redis.start();
                          // Another host takes the lease, having read the same version 0.
                          redis.raw().set(StoreLayout.lease("default"), "host-b:1 token");
                        })
                    .commit(SampleCookies.fullRecord()))
        .isInstanceOf(TransientFailureException.class);

    assertThat(redis.raw().hexists(ACCOUNT, "version")).isFalse();
    hold.close();
  }

  @Test
  void aRetryWhoseLeaseAnotherHostHoldsInRedisLandsNowhere() throws Exception {
    AccountHold hold = heldFor(Duration.ofSeconds(30));
    redis.stop();

    // By this host's clock the lease is still ours; Redis knows better (a clock that ran slow, or
    // a Redis restarted without the lease and another host quick to take it).
    assertThatThrownBy(
            () ->
                save(
                        (AccountLease) hold,
                        pause -> {
                          redis.start();
                          redis.raw().set(StoreLayout.lease("default"), "host-b:1 token");
                        })
                    .commit(SampleCookies.fullRecord()))
        .isInstanceOf(TransientFailureException.class)
        .hasMessageContaining("lease on account default ran out");

    assertThat(redis.raw().hexists(ACCOUNT, "version")).isFalse();
    hold.close();
  }

  @Test
  void aRetryUnderALeaseRedisLostInARestartLands() throws Exception {
    AccountHold hold = heldFor(Duration.ofSeconds(30));
    redis.stop();

    // Restarted empty: no lease at all, and no rival; the version still fences the write.
    save((AccountLease) hold, pause -> redis.start()).commit(SampleCookies.fullRecord());

    assertThat(redis.raw().hget(ACCOUNT, "version")).isEqualTo("1");
    hold.close();
  }

  @Test
  void aRetryUnderALeaseStillOursLands() throws Exception {
    AccountHold hold = heldFor(Duration.ofSeconds(30));
    redis.stop();

    save(
            (AccountLease) hold,
            pause -> {
              redis.start();
              redis.raw().set(StoreLayout.lease("default"), ((AccountLease) hold).value());
            })
        .commit(SampleCookies.fullRecord());

    assertThat(redis.raw().hget(ACCOUNT, "version")).isEqualTo("1");
    hold.close();
  }

  @Test
  void aRetryOfAWriteThatLandedButWhoseAnswerWasLostFindsItsOwnDocument() throws Exception {
    save(null, pauses::add).commit(SampleCookies.fullRecord());

    // The same write again from version 0, as after a reply lost on the way back: unsealed, the
    // same record is the same stored value, as a sealed one is only for the very same write.
    save(null, pauses::add).commit(SampleCookies.fullRecord());

    assertThat(redis.raw().hget(ACCOUNT, "version")).isEqualTo("1");
    assertThat(redis.raw().hexists(ACCOUNT, "prev")).isFalse();
  }
}
