package dev.qmcookie.store;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 */
final class ChangeFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private final StoreConnection connection;
  private final Runnable changed;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;
  private volatile Jedis current;
  private volatile JedisPubSub subscription;
  // Touched only by the feed's thread.
  private boolean warned;

  private ChangeFeed(StoreConnection connection, Runnable changed) {
    this.connection = connection;
    this.changed = changed;
    this.thread = new Thread(this::run, "qmcookie-store-changes");
    thread.setDaemon(true);
  }

  static ChangeFeed start(StoreConnection connection, Runnable changed) {
    ChangeFeed feed = new ChangeFeed(connection, changed);
    feed.thread.start();
    return feed;
  }

  private void run() {
    Duration wait = FIRST_RETRY;
    while (!isClosed()) {
      Subscription s = new Subscription();
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
          LOG.warn(
              "{}; following its changes again once it is back",
              StoreConnection.unreachable(connection.url(), e));
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
      LOG.warn("following the store {} failed: {}", connection.url(), e.toString());
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
