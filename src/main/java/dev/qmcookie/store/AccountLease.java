package dev.qmcookie.store;

import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.vault.AccountHold;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import redis.clients.jedis.params.SetParams;

/**
 * An account held through the store: the lease key ({@code SET NX PX}, naming the holder and a
 * token of its own) between hosts, and a lock between the threads of this JVM, which share the
 * holder's name. The document's version when the lease was taken is the fencing token a save
 * compares against, so a holder whose lease ran out while another wrote stores nothing.
 *
 * <p>While held, the lease is extended every third of its time, so that a long renewal (retries,
 * backoff, a browser waiting its turn) does not outlive it while its holder is alive. A holder that
 * is stopped or killed extends nothing, and its lease runs out as before. Nor does one that has
 * held it for {@link #maxHold} already: alive but stuck, it would keep every other host out until
 * the cookie expired.
 */
final class AccountLease implements AccountHold {
  private static final Duration POLL = Duration.ofMillis(100);

  // A renewal, with its retries, backoff and a browser fallback, ends within minutes; one still
  // holding after 15 is stuck (a browser turn or a profile read that never returns). A lease time
  // set longer than 5 minutes asks for long holds, and gets three of them.
  private static final Duration LEAST_MAX_HOLD = Duration.ofMinutes(15);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ConcurrentHashMap<String, Guard> GUARDS = new ConcurrentHashMap<>();

  private static final StoreConnection.Script RELEASE =
      StoreConnection.Script.of(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
          return 0
          """);

  // Extends only a lease that is still ours: one that ran out and was taken stays the other's.
  private static final StoreConnection.Script EXTEND =
      StoreConnection.Script.of(
          """
          if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
          end
          return 0
          """);

  /** One account's lock within this JVM, and the lease its holding thread took. */
  private static final class Guard {
    final ReentrantLock lock = new ReentrantLock();
    volatile AccountLease outer;
  }

  private final StoreConnection connection;
  private final Guard guard;
  private final String key;
  private final String value;
  private final boolean outermost;
  private long version;
  private boolean released;
  private ScheduledFuture<?> heartbeat;
  // When the lease was taken, and how long the heartbeat may keep it; nanos, as oursUntil.
  private long takenAt;
  private volatile long maxHoldNanos;
  // Until when, by this host's clock, the lease is surely ours: taken or last extended, plus its
  // time. Nanos, since a wall clock that jumps must not stretch it.
  private volatile long oursUntil;

  private AccountLease(
      StoreConnection connection, Guard guard, String key, String value, boolean outermost) {
    this.connection = connection;
    this.guard = guard;
    this.key = key;
    this.value = value;
    this.outermost = outermost;
  }

  // Per holder: the threads of one holder exclude each other here, holders through the store.
  private static Guard guard(StoreConnection connection, String name, String holder) {
    return GUARDS.computeIfAbsent(connection.url() + " " + name + " " + holder, k -> new Guard());
  }

  /**
   * Takes the account if nobody holds it; empty when another host or thread does.
   *
   * @throws TransientFailureException when the store cannot be reached
   */
  static Optional<AccountLease> tryTake(
      StoreConnection connection, String name, String holder, Duration leaseTime) {
    Guard guard = guard(connection, name, holder);
    if (!guard.lock.tryLock()) {
      return Optional.empty();
    }
    boolean taken = false;
    try {
      Optional<AccountLease> lease = takeOnce(connection, guard, name, holder, leaseTime);
      taken = lease.isPresent();
      return lease;
    } finally {
      if (!taken) {
        guard.lock.unlock();
      }
    }
  }

  /**
   * Takes the account, waiting up to {@code timeout} while another holds it.
   *
   * @throws TransientFailureException naming the holder when it holds on longer than that, or when
   *     the store cannot be reached
   */
  static AccountLease take(
      StoreConnection connection,
      String name,
      String holder,
      Duration leaseTime,
      Duration timeout) {
    Guard guard = guard(connection, name, holder);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!guard.lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy(name, holder + " (this host)");
      }
    } catch (InterruptedException e) {
      throw interrupted(name);
    }
    boolean taken = false;
    try {
      while (true) {
        Optional<AccountLease> lease = takeOnce(connection, guard, name, holder, leaseTime);
        if (lease.isPresent()) {
          taken = true;
          return lease.get();
        }
        if (System.nanoTime() > deadline) {
          throw busy(name, holderOf(connection, name).orElse("another host"));
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (InterruptedException e) {
      throw interrupted(name);
    } finally {
      if (!taken) {
        guard.lock.unlock();
      }
    }
  }

  private static TransientFailureException interrupted(String name) {
    Thread.currentThread().interrupt();
    return new TransientFailureException("interrupted while waiting for account " + name, 0);
  }

  // Called holding the guard, which the caller lets go unless this returns a lease.
  private static Optional<AccountLease> takeOnce(
      StoreConnection connection, Guard guard, String name, String holder, Duration leaseTime) {
    if (guard.lock.getHoldCount() > 1) {
      // This thread holds the lease further up the stack: its fencing token is the one.
      AccountLease outer = guard.outer;
      return Optional.of(new AccountLease(connection, guard, outer.key, outer.value, false));
    }
    String key = StoreLayout.lease(name);
    String value = holder + " " + token();
    // Before the round trip: the lease's time in Redis starts somewhere during it.
    long asked = System.nanoTime();
    String set =
        connection.call(
            jedis -> jedis.set(key, value, SetParams.setParams().nx().px(leaseTime.toMillis())));
    if (!"OK".equals(set)) {
      return Optional.empty();
    }
    AccountLease lease = new AccountLease(connection, guard, key, value, true);
    lease.oursUntil = asked + leaseTime.toNanos();
    lease.takenAt = asked;
    lease.maxHoldNanos = maxHold(leaseTime).toNanos();
    try {
      lease.version = RedisRecords.version(connection, name);
    } catch (RuntimeException e) {
      lease.releaseInStore();
      throw e;
    }
    guard.outer = lease;
    lease.startHeartbeat(leaseTime);
    return Optional.of(lease);
  }

  private synchronized void startHeartbeat(Duration leaseTime) {
    long every = Math.max(1, leaseTime.toMillis() / 3);
    heartbeat =
        Heartbeats.SCHEDULER.scheduleWithFixedDelay(
            () -> extend(leaseTime), every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * How long a live holder may keep extending its lease: 3 lease times, and 15 minutes at least.
   */
  static Duration maxHold(Duration leaseTime) {
    Duration three = leaseTime.multipliedBy(3);
    return three.compareTo(LEAST_MAX_HOLD) > 0 ? three : LEAST_MAX_HOLD;
  }

  /** Lets the heartbeat keep this lease only {@code maxHold} from its taking; for the tests. */
  void limitHold(Duration maxHold) {
    maxHoldNanos = maxHold.toNanos();
  }

  private void extend(Duration leaseTime) {
    if (connection.closed() || System.nanoTime() - takenAt >= maxHoldNanos) {
      // Held too long: the lease runs out, another host may take it, and fencing guards the save.
      stopHeartbeat();
      return;
    }
    long sent = System.nanoTime();
    try {
      Object extended =
          connection.script(
              EXTEND, List.of(key), List.of(value, String.valueOf(leaseTime.toMillis())));
      if (Long.valueOf(0).equals(extended)) {
        stopHeartbeat(); // ran out and maybe taken: the fencing version guards the save
      } else {
        oursUntil = sent + leaseTime.toNanos();
      }
    } catch (RuntimeException unreachable) {
      // tried again on the next beat; unanswered, the lease runs out and fencing protects
    }
  }

  /** Stops extending the lease, as when its holder is stopped: it then runs out by itself. */
  synchronized void stopHeartbeat() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
  }

  /** The one thread that extends this JVM's leases; it keeps no JVM alive. */
  private static final class Heartbeats {
    static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

    private static ScheduledThreadPoolExecutor scheduler() {
      ScheduledThreadPoolExecutor scheduler =
          new ScheduledThreadPoolExecutor(
              1,
              work -> {
                Thread thread = new Thread(work, "qmcookie-lease-heartbeat");
                thread.setDaemon(true);
                return thread;
              });
      scheduler.setRemoveOnCancelPolicy(true);
      return scheduler;
    }
  }

  /** The lease this thread holds on the account, if any: its version fences a save. */
  static Optional<AccountLease> heldByThisThread(
      StoreConnection connection, String name, String holder) {
    Guard guard = guard(connection, name, holder);
    return guard.lock.isHeldByCurrentThread() ? Optional.ofNullable(guard.outer) : Optional.empty();
  }

  /** Who holds the account's lease now, as its value names them. */
  static Optional<String> holderOf(StoreConnection connection, String name) {
    String value = connection.call(jedis -> jedis.get(StoreLayout.lease(name)));
    if (value == null) {
      return Optional.empty();
    }
    int space = value.lastIndexOf(' ');
    return Optional.of(space < 0 ? value : value.substring(0, space));
  }

  private static TransientFailureException busy(String name, String holder) {
    return new TransientFailureException(
        "account " + name + " is busy: " + holder + " is renewing it; try again later", 0);
  }

  private static String token() {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** Whether the lease is still this holder's, as far as this host knows without asking Redis. */
  boolean stillOurs() {
    return outermost ? System.nanoTime() - oursUntil < 0 : guard.outer.stillOurs();
  }

  /**
   * Whether the lease will still be this holder's after {@code wait}, as far as this host knows now
   * without asking Redis (a heartbeat on the way may extend it further).
   */
  boolean stillOursAfter(Duration wait) {
    return outermost
        ? System.nanoTime() + wait.toNanos() - oursUntil < 0
        : guard.outer.stillOursAfter(wait);
  }

  /** The lease's key in Redis. */
  String key() {
    return key;
  }

  /** The lease's value in Redis, naming its holder and a token of its own. */
  String value() {
    return value;
  }

  /** The document's version this holder last read or wrote. */
  synchronized long version() {
    return outermost ? version : guard.outer.version();
  }

  /** After this holder's own write: its next write starts from there. */
  synchronized void wrote(long newVersion) {
    if (outermost) {
      version = newVersion;
    } else {
      guard.outer.wrote(newVersion);
    }
  }

  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      if (outermost) {
        stopHeartbeat();
        guard.outer = null;
        releaseInStore();
      }
    } finally {
      guard.lock.unlock();
    }
  }

  private void releaseInStore() {
    try {
      // Only our own: a lease that ran out and was taken by another stays theirs.
      connection.script(RELEASE, List.of(key), List.of(value));
    } catch (RuntimeException unreachable) {
      // the lease runs out by itself
    }
  }
}
