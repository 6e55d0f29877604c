package dev.qmcookie.store;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.NewerCookieStoredException;
import dev.qmcookie.vault.SaveSlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A save into the store as one compare-and-set on the version: it lands only if the document is
 * still the version this writer started from, so a writer holding an old version never overwrites a
 * newer cookie. One that does not land goes to the account's folder on this host, to import.
 */
final class FencedSave implements SaveSlot {
  // KEYS: the account's hash, the set of names, and for a retry under a lease the lease's key.
  // ARGV: the version this write starts from, the new document (sealed for version + 1), the
  // account's name, the change channel, and for that retry the lease's value. A retry of a write
  // that landed but whose answer was lost finds its own document (sealed values never repeat). A
  // retry whose lease another host holds now lands nowhere: that host may have read the same
  // version, and only the lease tells the two writers apart. A lease nobody holds (it ran out, or
  // Redis restarted without it) is no rival: whoever takes it next reads the version this write
  // makes.
  private static final StoreConnection.Script COMPARE_AND_SET =
      StoreConnection.Script.of(
          """
          local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
          if current == tonumber(ARGV[1]) + 1 and redis.call('HGET', KEYS[1], 'doc') == ARGV[2] then
            return {1, current}
          end
          if KEYS[3] then
            local holder = redis.call('GET', KEYS[3])
            if holder and holder ~= ARGV[5] then return {2, current} end
          end
          if current ~= tonumber(ARGV[1]) then return {0, current} end
          local doc = redis.call('HGET', KEYS[1], 'doc')
          if doc then redis.call('HSET', KEYS[1], 'prev', doc) end
          local next = current + 1
          redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'version', next)
          redis.call('SADD', KEYS[2], ARGV[3])
          redis.call('PUBLISH', ARGV[4], ARGV[3] .. ' ' .. next)
          return {1, next}
          """);

  static final List<Duration> RETRY_PAUSES =
      List.of(
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(4));

  /** Waits between tries; the tests' one records the pauses. */
  @FunctionalInterface
  interface Pause {
    Pause REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }

  private final String name;
  private final Path folder;
  private final StoreConnection connection;
  private final Seal seal;
  private final long from;
  private final AccountLease lease;
  private final Pause pause;

  FencedSave(
      String name,
      Path folder,
      StoreConnection connection,
      Seal seal,
      long from,
      AccountLease lease,
      Pause pause) {
    this.name = name;
    this.folder = folder;
    this.connection = connection;
    this.seal = seal;
    this.from = from;
    this.lease = lease;
    this.pause = pause;
  }

  /**
   * @throws IOException naming both versions when another writer stored a newer cookie first
   * @throws dev.qmcookie.failure.TransientFailureException when the store cannot be reached
   */
  @Override
  public void commit(CookieRecord record) throws IOException {
    // Under a lease, from its own last write on.
    long from = lease == null ? this.from : lease.version();
    String sealed =
        seal.seal(StoreLayout.documentPurpose(name, from + 1), CookieFormats.storeDocument(record));
    Object answer = compareAndSet(from, sealed);
    // {landed, version}; a version that is not a number leaves the script no second field.
    if (!(answer instanceof List<?> reply)
        || reply.size() != 2
        || !(reply.get(1) instanceof Long version)) {
      throw RedisRecords.damaged(connection, name, "its version is not a number");
    }
    if (Long.valueOf(2).equals(reply.get(0))) {
      throw leaseRanOut();
    }
    if (!Long.valueOf(1).equals(reply.get(0))) {
      throw newerInStore(connection, name, version, from);
    }
    if (lease != null) {
      lease.wrote(version);
    }
  }

  // A renewed cookie is worth a few seconds' wait for a store that blinked: the version read under
  // the lease still fences the write, so a retry can never overwrite a newer cookie.
  // The lease is looked at after each pause, just before the write goes out, and a pause that
  // would end after it runs out is not taken: another host may hold it by then.
  private Object compareAndSet(long from, String sealed) {
    List<String> keys = List.of(StoreLayout.account(name), StoreLayout.ACCOUNTS);
    List<String> args = List.of(String.valueOf(from), sealed, name, StoreLayout.CHANGES);
    for (int attempt = 0; ; attempt++) {
      try {
        if (attempt > 0 && lease != null) {
          return connection.script(
              COMPARE_AND_SET,
              List.of(keys.get(0), keys.get(1), lease.key()),
              List.of(args.get(0), args.get(1), args.get(2), args.get(3), lease.value()));
        }
        return connection.script(COMPARE_AND_SET, keys, args);
      } catch (TransientFailureException unreachable) {
        if (attempt >= RETRY_PAUSES.size()) {
          throw unreachable;
        }
        Duration wait = RETRY_PAUSES.get(attempt);
        if (lease != null && !lease.stillOursAfter(wait)) {
          throw unreachable;
        }
        try {
          pause.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw unreachable;
        }
        if (lease != null && !lease.stillOurs()) {
          throw unreachable;
        }
      }
    }
  }

  private TransientFailureException leaseRanOut() {
    return new TransientFailureException(
        "the lease on account "
            + name
            + " ran out while the store "
            + connection.url()
            + " did not answer, and another host holds it now: the renewed cookie was not written",
        0);
  }

  static NewerCookieStoredException newerInStore(
      StoreConnection connection, String name, long stored, long from) {
    return new NewerCookieStoredException(
        "the store "
            + connection.url()
            + " holds version "
            + stored
            + " of account "
            + name
            + "'s cookie, written by another host since version "
            + from
            + " this one started from, so it was not overwritten");
  }

  /**
   * Writes the cookie to the account's folder on this host, owner-only, next to any cookie put
   * aside before ({@code cookie.json.recovered}, then {@code .2}, {@code .3} …): an earlier one may
   * be the only copy of another renewal.
   */
  @Override
  public Path recover(CookieRecord record) throws IOException {
    byte[] document = CookieFormats.storeDocument(record).getBytes(StandardCharsets.UTF_8);
    for (int n = 1; ; n++) {
      Path file = folder.resolve(Account.RECOVERY_FILE + (n == 1 ? "" : "." + n));
      if (ExclusiveFile.create(file, document)) {
        return file;
      }
    }
  }

  @Override
  public void close() {
    // nothing was set aside beforehand: the script needs no room that is not there now
  }
}
