package dev.qmcookie.schedule;

import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.failure.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The accounts of a shared store as the daemon sees them, in memory: each stored cookie has a new
 * version, issued now, due 20 hours later. The test decides when the store's message goes out
 * ({@link #publish}), whether it answers at all ({@link #down}) and what a renewal comes to.
 */
class SharedAccounts implements Vaults {
  static final Duration DUE_AFTER = Duration.ofHours(20);
  static final Duration LIFETIME = Duration.ofHours(24);
  static final String DOWN_MESSAGE =
      "the store redis://127.0.0.1:6390/0 does not answer (Connection refused)";

  private final Path home;
  private final Clock clock;
  private final Map<String, Instant> issued = new ConcurrentHashMap<>();
  private final Map<String, Integer> versions = new ConcurrentHashMap<>();
  private final Map<String, Instant> storedAt = new ConcurrentHashMap<>();
  private volatile Runnable follower;

  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger renewals = new AtomicInteger();

  /** Each export, as "account#version"; never one the store could not give. */
  final List<String> exports = new CopyOnWriteArrayList<>();

  /** Whether every read, renewal and export fails as the store not answering. */
  volatile boolean down;

  /**
   * Whether the store answers reads but refuses every write, as a Redis out of memory, failing its
   * snapshots or turned into a read-only replica does: every renewal fails for want of its lease.
   */
  volatile boolean refusesWrites;

  static final String REFUSED_MESSAGE =
      "the store redis://127.0.0.1:6390/0 refused the write (MISCONF Redis is configured to save"
          + " RDB snapshots, but it's currently unable to persist to disk)";

  /** What a renewal of an account comes to while the store answers; by default it renews. */
  volatile Function<String, Outcome> renewal =
      name -> {
        store(name);
        return new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed via http");
      };

  SharedAccounts(Path home, Clock clock) {
    this.home = home;
    this.clock = clock;
  }

  /** Stores a cookie issued now, as any host's renewal or import would; tells no one. */
  void store(String name) {
    issued.put(name, clock.instant());
    storedAt.put(name, clock.instant());
    versions.merge(name, 1, Integer::sum);
  }

  /**
   * Stores a cookie issued and stored at {@code at}, as an old document comes back (a push of an
   * old vault, an append-only file that lost its last write); tells no one.
   */
  void store(String name, Instant at) {
    store(name);
    issued.put(name, at);
    storedAt.put(name, at);
  }

  /** Stores now a cookie issued at {@code at}, as {@code import --replace} does; tells no one. */
  void replace(String name, Instant at) {
    store(name);
    issued.put(name, at);
  }

  /** The account leaves the store, as when Redis restarts empty; tells no one. */
  void remove(String name) {
    versions.remove(name);
    issued.remove(name);
    storedAt.remove(name);
  }

  /** The store's message after a write: every follower is told. */
  void publish() {
    Runnable f = follower;
    if (f != null) {
      f.run();
    }
  }

  boolean followed() {
    return follower != null;
  }

  String current(String name) {
    return name + "#" + versions.get(name);
  }

  @Override
  public Path home() {
    return home;
  }

  @Override
  public List<String> accounts() {
    answer();
    reads.incrementAndGet();
    return new ArrayList<>(versions.keySet()).stream().sorted().toList();
  }

  @Override
  public AccountView view(String name) {
    answer();
    Instant at = issued.get(name);
    return new AccountView(
        name,
        at.plus(DUE_AFTER),
        at.plus(LIFETIME),
        false,
        current(name),
        null,
        false,
        at,
        storedAt.get(name));
  }

  @Override
  public Outcome renew(String name) {
    renewals.incrementAndGet();
    if (down) {
      return new Outcome(
          Outcome.Kind.TRANSIENT, 4, "", DOWN_MESSAGE, Verdict.STORE_UNREACHABLE.id());
    }
    if (refusesWrites) {
      return new Outcome(
          Outcome.Kind.TRANSIENT, 4, "", REFUSED_MESSAGE, Verdict.STORE_UNREACHABLE.id());
    }
    return renewal.apply(name);
  }

  @Override
  public List<Path> export(String name, List<ExportTarget> targets) {
    answer();
    exports.add(current(name));
    return targets.stream().map(t -> t.pathFor(name)).toList();
  }

  @Override
  public boolean shared() {
    return true;
  }

  @Override
  public String storeName() {
    return "redis://127.0.0.1:6390/0";
  }

  @Override
  public AutoCloseable follow(Runnable changed) {
    answer();
    follower = changed;
    return () -> follower = null;
  }

  // As a store's client reports it: wrapped, the way it reaches the daemon through the vault.
  private void answer() {
    if (down) {
      throw new UncheckedIOException(
          new IOException(
              "cannot read the accounts",
              new TransientFailureException(
                  DOWN_MESSAGE, 0, Verdict.STORE_UNREACHABLE, new IOException("refused"))));
    }
  }
}
