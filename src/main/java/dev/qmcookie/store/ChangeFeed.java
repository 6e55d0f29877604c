package dev.qmcookie.store;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Follows the store's change channel on a daemon thread of its own connection: calls back on each
 * message and on each (re)subscription, since messages sent while it was away are lost and the
 * caller catches up by reading the accounts again. While Redis is away it tries again after 1 s,
 * then twice as long each time up to 30 s, and warns once per outage.
 *
 * <p>A subscriber only reads, so a connection whose far end vanished without closing it (a host
 * that lost power, a dropped route) would wait for ever: a ping every 30 s that gets no answer by
 * the next one ends the connection, and the feed connects again.
 */
final class ChangeFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration LAST_RETRY = Duration.ofSeconds(30);
  static final Duration PING_EVERY = Duration.ofSeconds(30);

  private final StoreConnection connection;
  private final Runnable changed;
  private final Consumer<String> warn;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;
  private final Duration pingEvery;
  private final ScheduledExecutorService watchdog;
  private volatile Jedis current;
  private volatile Subscription subscription;
  private volatile String cutBecause;
  // Touched only by the feed's thread.
  private boolean warned;

  private ChangeFeed(
      StoreConnection connection, Runnable changed, Consumer<String> warn, Duration pingEvery) {
    this.connection = connection;
    this.changed = changed;
    this.warn = warn;
    this.pingEvery = pingEvery;
    this.thread = new Thread(this::run, "qmcookie-store-changes");
    thread.setDaemon(true);
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "qmcookie-store-ping");
              t.setDaemon(true);
              return t;
            });
  }

  static ChangeFeed start(StoreConnection connection, Runnable changed) {
    return start(connection, changed, LOG::warn, PING_EVERY);
  }

  /**
   * @param warn where the one warning of each outage goes
   * @param pingEvery how often to make sure the connection still answers
   */
  static ChangeFeed start(
      StoreConnection connection, Runnable changed, Consumer<String> warn, Duration pingEvery) {
    ChangeFeed feed = new ChangeFeed(connection, changed, warn, pingEvery);
    feed.thread.start();
    long every = pingEvery.toMillis();
    feed.watchdog.scheduleWithFixedDelay(feed::ping, every, every, TimeUnit.MILLISECONDS);
    return feed;
  }

  // On the watchdog's thread: cuts a connection that did not answer the last ping.
  private void ping() {
    Subscription s = subscription;
    Jedis jedis = current;
    if (s == null || jedis == null || !s.subscribed) {
      return;
    }
    try {
      if (s.awaitingPong) {
        cutBecause =
            "it did not answer for "
                + (pingEvery.toSeconds() > 0
                    ? pingEvery.toSeconds() + " s"
                    : pingEvery.toMillis() + " ms");
        jedis.disconnect();
        return;
      }
      s.awaitingPong = true;
      s.ping();
    } catch (RuntimeException broken) {
      // the feed's thread sees the broken connection too, and connects again
    }
  }

  private void run() {
    Duration wait = FIRST_RETRY;
    while (!isClosed()) {
      Subscription s = new Subscription();
      cutBecause = null;
      try (Jedis jedis = connection.dedicated()) {
        current = jedis;
        subscription = s;
        if (isClosed()) {
          return;
        }
        jedis.subscribe(s, StoreLayout.CHANGES);
      } catch (JedisException | IllegalStateException e) {
        if (isClosed()) {
          return;
        }
        if (!warned) {
          String cut = cutBecause;
          warn.accept(
              (cut == null
                      ? StoreConnection.unreachable(connection.url(), e)
                      : StoreConnection.unreachable(connection.url(), cut))
                  + "; following its changes again once it is back");
          warned = true;
        }
      } finally {
        current = null;
      }
      if (s.subscribed) {
        wait = FIRST_RETRY; // it was up until now: a new outage starts
      }
      if (pause(wait)) {
        return;
      }
      wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
    }
  }

  private final class Subscription extends JedisPubSub {
    volatile boolean subscribed;
    volatile boolean awaitingPong;

    @Override
    public void onPong(String pattern) {
      awaitingPong = false;
    }

    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      subscribed = true;
      warned = false; // the next outage is warned of again
      notifyChanged(); // whatever was written while this host was not listening
    }

    @Override
    public void onMessage(String channel, String message) {
      notifyChanged();
    }
  }

  private void notifyChanged() {
    try {
      changed.run();
    } catch (RuntimeException e) {
      // One failed catch-up must not end the feed: the next message tries again.
      warn.accept("following the store " + connection.url() + " failed: " + e);
    }
  }

  private boolean isClosed() {
    return closed.getCount() == 0;
  }

  // True when closed while waiting.
  private boolean pause(Duration wait) {
    try {
      return closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return true;
    }
  }

  @Override
  public void close() {
    closed.countDown();
    watchdog.shutdownNow();
    JedisPubSub s = subscription;
    Jedis jedis = current;
    try {
      if (s != null && s.isSubscribed()) {
        s.unsubscribe();
      }
    } catch (RuntimeException alreadyGone) {
      // the disconnect below ends it
    }
    if (jedis != null) {
      try {
        jedis.disconnect();
      } catch (RuntimeException alreadyGone) {
        // nothing left to end
      }
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
