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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save whose compare-and-set could not reach Redis is tried again while that is safe. */
class FencedSaveRetryTest {
  static final String ACCOUNT = "qmcookie:account:default";

  @AutoClose final RedisServer redis = RedisServer.started();
  @TempDir Path dir;
  Hosts hosts;
  RedisStore store;
  final List<Duration> pauses = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    hosts = new Hosts(redis, dir);
    store = hosts.open("host-a:1");
  }

  @AfterEach
  void closeHosts() {
    hosts.close();
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
