package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeFeedTest {
  @AutoClose final RedisServer redis = RedisServer.started();
  @TempDir Path dir;
  @AutoClose Hosts hosts;
  final Semaphore calls = new Semaphore(0);

  @BeforeEach
  void fleet() {
    hosts = new Hosts(redis, dir);
  }

  private boolean called(Duration within) throws InterruptedException {
    return calls.tryAcquire(within.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void aWriteOnAnotherHostIsHeardAndSoIsTheStartOfTheFeed() throws Exception {
    RedisStore follower = hosts.open("host-a:1");
    RedisStore writer = hosts.open("host-b:2");
    try (AutoCloseable feed = follower.follow(calls::release)) {
      assertThat(called(Duration.ofSeconds(2))).as("on subscribe: catch up").isTrue();

      hosts.vault("host-b:2", writer).account("default").save(SampleCookies.fullRecord());

      assertThat(called(Duration.ofSeconds(2))).as("on the write").isTrue();
      assertThat(calls.availablePermits()).isZero();
    }
  }

  @Test
  void theMessageNamesTheAccountAndItsVersion() throws Exception {
    RedisStore writer = hosts.open("host-b:2");
    java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread listener =
        new Thread(
            () ->
                redis
                    .raw()
                    .subscribe(
                        new redis.clients.jedis.JedisPubSub() {
                          @Override
                          public void onSubscribe(String channel, int count) {
                            calls.release();
                          }

                          @Override
                          public void onMessage(String channel, String message) {
                            heard.add(message);
                            unsubscribe();
                          }
                        },
                        "qmcookie:changes"));
    listener.start();
    assertThat(called(Duration.ofSeconds(2))).isTrue();

    hosts.vault("host-b:2", writer).account("default").save(SampleCookies.fullRecord());
    listener.join(2000);

    assertThat(heard).containsExactly("default 1");
  }

  @Test
  void afterARedisRestartTheFeedComesBackByItselfAndCallsToCatchUp() throws Exception {
    RedisStore follower = hosts.open("host-a:1");
    try (AutoCloseable feed = follower.follow(calls::release)) {
      assertThat(called(Duration.ofSeconds(2))).isTrue();

      redis.stop();
      Thread.sleep(300);
      redis.start();

      // The first retry comes 1 s after the outage is seen.
      assertThat(called(Duration.ofSeconds(5))).as("on the new subscription").isTrue();

      RedisStore writer = hosts.open("host-b:2");
      hosts.vault("host-b:2", writer).account("default").save(SampleCookies.fullRecord());
      assertThat(called(Duration.ofSeconds(2))).as("on a write after the restart").isTrue();
    }
  }

  @Test
  void eachOutageIsWarnedOfOnceHoweverLongItLasts() throws Exception {
    RedisStore follower = hosts.open("host-a:1");
    java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (AutoCloseable feed =
        ChangeFeed.start(
            follower.connection(), calls::release, warnings::add, ChangeFeed.PING_EVERY)) {
      assertThat(called(Duration.ofSeconds(2))).isTrue();

      redis.stop();
      Thread.sleep(3500); // retries after 1 s and 3 s: no warning of their own
      assertThat(warnings)
          .singleElement()
          .asString()
          .startsWith("the store " + redis.url() + " cannot be reached")
          .endsWith("; following its changes again once it is back");

      redis.start();
      assertThat(called(Duration.ofSeconds(5))).as("caught up after the outage").isTrue();
      redis.stop();
      Thread.sleep(300);
      redis.start();
      assertThat(called(Duration.ofSeconds(3))).as("the next outage starts at 1 s again").isTrue();
      assertThat(warnings).hasSize(2);
    }
  }

  @Test
  void aConnectionThatFallsSilentWithoutClosingIsCutAndMadeAgain() throws Exception {
    try (FreezingProxy route = new FreezingProxy(redis.port())) {
      StoreSettings settings =
          new StoreSettings(
              route.url(), hosts.keyFile, false, Hosts.LOCK_TIMEOUT, Hosts.LEASE, "host-a:1");
      RedisStore follower = hosts.open(settings);
      java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
      try (AutoCloseable feed =
          ChangeFeed.start(
              follower.connection(), calls::release, warnings::add, Duration.ofMillis(200))) {
        assertThat(called(Duration.ofSeconds(2))).isTrue();
        Thread.sleep(500); // pings answered: nothing is cut
        assertThat(warnings).isEmpty();

        route.freeze();
        Thread.sleep(800);
        route.thaw();

        assertThat(warnings)
            .singleElement()
            .asString()
            .contains("cannot be reached (it did not answer for 200 ms)");
        assertThat(called(Duration.ofSeconds(4))).as("subscribed again").isTrue();
      }
    }
  }

  @Test
  void closingTheFeedEndsItPromptlyAndCallsNoMore() throws Exception {
    RedisStore follower = hosts.open("host-a:1");
    AutoCloseable feed = follower.follow(calls::release);
    assertThat(called(Duration.ofSeconds(2))).isTrue();
    long started = System.nanoTime();

    feed.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("qmcookie-store-changes"));
    RedisStore writer = hosts.open("host-b:2");
    hosts.vault("host-b:2", writer).account("default").save(SampleCookies.fullRecord());
    assertThat(called(Duration.ofMillis(500))).isFalse();
  }

  @Test
  void closingTheFeedWhileRedisIsAwayEndsItToo() throws Exception {
    RedisStore follower = hosts.open("host-a:1");
    AutoCloseable feed = follower.follow(calls::release);
    assertThat(called(Duration.ofSeconds(2))).isTrue();
    redis.stop();
    Thread.sleep(200);
    long started = System.nanoTime();

    feed.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("qmcookie-store-changes"));
  }
}
