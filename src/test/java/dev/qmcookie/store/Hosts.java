package dev.qmcookie.store;

import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Hosts of a fleet in one test: each opens the one store with its own home and holder name. */
final class Hosts implements AutoCloseable {
  static final Duration LOCK_TIMEOUT = Duration.ofMillis(600);
  static final Duration LEASE = Duration.ofMinutes(5);

  final RedisServer redis;
  final Path dir;
  final Path keyFile;
  final HandClock clock = new HandClock(Instant.parse("2026-11-29T01:00:00Z"));
  private final List<RedisStore> opened = new ArrayList<>();

  Hosts(RedisServer redis, Path dir) {
    this.redis = redis;
    this.dir = dir;
    this.keyFile = dir.resolve("store.key");
  }

  StoreSettings settings(String holder, Duration lease) {
    return new StoreSettings(redis.url(), keyFile, false, LOCK_TIMEOUT, lease, holder);
  }

  RedisStore open(String holder) throws IOException {
    return open(settings(holder, LEASE));
  }

  RedisStore open(StoreSettings settings) throws IOException {
    RedisStore store = RedisStore.open(settings, clock);
    opened.add(store);
    return store;
  }

  /** The account {@code default} as host {@code holder} sees it, through a store of its own. */
  Account account(String holder) throws IOException {
    return vault(holder, open(holder)).account("default");
  }

  /** The home of host {@code holder}, its accounts' records in {@code store}. */
  Vault vault(String holder, RedisStore store) {
    return new Vault(dir.resolve("home-" + holder.replace(':', '-')), LOCK_TIMEOUT, store);
  }

  /** Every key and every value in Redis, as text, for telling a change apart from none. */
  static Map<String, Object> everything(RedisServer redis) {
    Map<String, Object> all = new TreeMap<>();
    for (String key : redis.raw().keys("*")) {
      all.put(key, value(redis, key));
    }
    return all;
  }

  static Object value(RedisServer redis, String key) {
    return switch (redis.raw().type(key)) {
      case "hash" -> new TreeMap<>(redis.raw().hgetAll(key));
      case "list" -> redis.raw().lrange(key, 0, -1);
      case "set" -> new java.util.TreeSet<>(redis.raw().smembers(key));
      case "string" -> redis.raw().get(key);
      default -> "(type " + redis.raw().type(key) + ")";
    };
  }

  @Override
  public void close() {
    opened.forEach(RedisStore::close);
  }
}
