package dev.qmcookie.store;

import static dev.qmcookie.store.StoreLayout.DOC;
import static dev.qmcookie.store.StoreLayout.LAST_ATTEMPT;
import static dev.qmcookie.store.StoreLayout.LAST_CHECK;
import static dev.qmcookie.store.StoreLayout.VERSION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.AccountHold;
import dev.qmcookie.vault.AccountRecords;
import dev.qmcookie.vault.SaveSlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.Transaction;

/**
 * One account's records in the store ({@link StoreLayout}): its document and version, the last
 * attempt and check, the capped history, and the lease that holds it.
 */
final class RedisRecords implements AccountRecords {
  private final String name;
  private final Path folder;
  private final StoreConnection connection;
  private final Seal seal;
  private final StoreSettings settings;

  RedisRecords(
      String name, Path folder, StoreConnection connection, Seal seal, StoreSettings settings) {
    this.name = name;
    this.folder = folder;
    this.connection = connection;
    this.seal = seal;
    this.settings = settings;
  }

  /** The account's document version: 0 before its first document. */
  static long version(StoreConnection connection, String name) {
    String version = connection.call(jedis -> jedis.hget(StoreLayout.account(name), VERSION));
    try {
      return version == null ? 0 : Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw damaged(connection, name, "its version is not a number");
    }
  }

  @Override
  public boolean exists() {
    return connection.call(jedis -> jedis.hexists(StoreLayout.account(name), DOC));
  }

  /** The version and a digest of the stored value: both change with every write. */
  @Override
  public byte[] storedBytes() throws IOException {
    List<String> stored = fields(VERSION, DOC);
    if (stored.get(1) == null) {
      throw new NoSuchFileException(connection.url() + " " + StoreLayout.account(name));
    }
    return (stored.get(0) + ":" + sha256(stored.get(1))).getBytes(StandardCharsets.UTF_8);
  }

  // The version and a digest Redis makes of the document: a few dozen bytes instead of the sealed
  // document, in one round trip. The digest also tells apart two documents of the same version, as
  // after a restart without persistence and a push.
  private static final String CHANGE_TAG =
      "local d = redis.call('HGET', KEYS[1], ARGV[2])"
          + " if not d then return false end"
          + " return (redis.call('HGET', KEYS[1], ARGV[1]) or '') .. ':' .. redis.sha1hex(d)";

  @Override
  public byte[] changeTag() throws IOException {
    Object tag =
        connection.call(
            jedis ->
                jedis.eval(CHANGE_TAG, List.of(StoreLayout.account(name)), List.of(VERSION, DOC)));
    if (tag == null) {
      throw new NoSuchFileException(connection.url() + " " + StoreLayout.account(name));
    }
    return tag.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public CookieRecord load() {
    List<String> stored = fields(VERSION, DOC);
    if (stored.get(1) == null) {
      throw new InvalidInputException(
          "account "
              + name
              + " has no cookie in the store "
              + connection.url()
              + " yet: import one with `qmcookie import --account "
              + name
              + "`");
    }
    return open(stored.get(0), stored.get(1));
  }

  private CookieRecord open(String versionText, String stored) {
    long version;
    try {
      version = Long.parseLong(versionText);
    } catch (NumberFormatException e) {
      throw damaged("its version is not a number");
    }
    String document;
    try {
      document = seal.open(StoreLayout.documentPurpose(name, version), stored);
    } catch (GeneralSecurityException e) {
      throw damaged("it does not open with the store's key as version " + version);
    }
    try {
      return CookieFormats.readStoreDocument(document);
    } catch (InvalidInputException e) {
      throw damaged(e.getMessage());
    }
  }

  private InvalidInputException damaged(String why) {
    return damaged(connection, name, why);
  }

  /** A stored document that cannot be used, with its fix. */
  static InvalidInputException damaged(StoreConnection connection, String name, String why) {
    return new InvalidInputException(
        "the stored cookie of account "
            + name
            + " in the store "
            + connection.url()
            + " is damaged ("
            + why
            + "); import the cookie again with `qmcookie import --replace --account "
            + name
            + "`");
  }

  private List<String> fields(String... fields) {
    return connection.call(jedis -> jedis.hmget(StoreLayout.account(name), fields));
  }

  @Override
  public AccountHold lock() {
    return AccountLease.take(
        connection, name, settings.holder(), settings.leaseTime(), settings.lockTimeout());
  }

  @Override
  public Optional<AccountHold> lockToRenew() {
    return AccountLease.tryTake(connection, name, settings.holder(), settings.leaseTime())
        .map(AccountHold.class::cast);
  }

  @Override
  public String holder() {
    try {
      return AccountLease.holderOf(connection, name).orElse("another renewer");
    } catch (RuntimeException unreachable) {
      return "another renewer";
    }
  }

  /**
   * What is left of the holder's lease when there is one, else a whole lease; at most a lease of
   * this host's, whatever lease time the holder runs with.
   */
  @Override
  public Duration holdLimit() {
    try {
      long left = connection.call(jedis -> jedis.pttl(StoreLayout.lease(name)));
      return left > 0 && left < settings.leaseTime().toMillis()
          ? Duration.ofMillis(left)
          : settings.leaseTime();
    } catch (RuntimeException unreachable) {
      return settings.leaseTime();
    }
  }

  @Override
  public boolean shared() {
    return true;
  }

  /**
   * A save fenced by the version this thread's lease read, or by the version now when it holds
   * none: it stores nothing if another writer has written since.
   *
   * @throws IOException when another writer already has, so that no renewal is sent for nothing
   * @throws dev.qmcookie.failure.TransientFailureException when the store cannot be reached
   */
  @Override
  public SaveSlot prepareSave() throws IOException {
    Optional<AccountLease> lease =
        AccountLease.heldByThisThread(connection, name, settings.holder());
    long now = version(connection, name);
    if (lease.isPresent() && lease.get().version() != now) {
      throw FencedSave.newerInStore(connection, name, now, lease.get().version());
    }
    return new FencedSave(
        name, folder, connection, seal, now, lease.orElse(null), FencedSave.Pause.REAL);
  }

  @Override
  public Optional<RenewalAttempt> lastAttempt() {
    return opened(LAST_ATTEMPT).map(RenewalAttempt::readFrom);
  }

  @Override
  public void recordAttempt(RenewalAttempt attempt) {
    ObjectNode line = JsonTrees.object();
    // The same line as history.jsonl's, "time" and "account" first.
    line.put("time", attempt.at().toString());
    line.put("account", name);
    String json = JsonTrees.compact(attempt.writeTo(line));
    String history = seal.seal(StoreLayout.purpose(name, StoreLayout.HISTORY), json);
    String last = seal.seal(StoreLayout.purpose(name, LAST_ATTEMPT), json);
    connection.call(
        jedis -> {
          Transaction t = jedis.multi();
          t.lpush(StoreLayout.history(name), history);
          t.ltrim(StoreLayout.history(name), 0, StoreLayout.HISTORY_LENGTH - 1);
          t.hset(StoreLayout.account(name), LAST_ATTEMPT, last);
          return t.exec();
        });
  }

  // The list is newest first and capped at StoreLayout.HISTORY_LENGTH.
  @Override
  public List<RenewalAttempt> attemptsSince(Instant since, int most) {
    List<String> sealed =
        connection.call(jedis -> jedis.lrange(StoreLayout.history(name), 0, most - 1L));
    List<RenewalAttempt> attempts = new ArrayList<>();
    for (String line : sealed) {
      try {
        RenewalAttempt attempt =
            RenewalAttempt.readFrom(
                JsonTrees.read(seal.open(StoreLayout.purpose(name, StoreLayout.HISTORY), line)));
        if (attempt.at().isBefore(since)) {
          break;
        }
        attempts.add(attempt);
      } catch (IOException | GeneralSecurityException | RuntimeException damaged) {
        // Informational, as the last attempt is: a line that does not open is left out.
      }
    }
    Collections.reverse(attempts);
    return attempts;
  }

  @Override
  public Optional<ServerCheck> lastCheck() {
    return opened(LAST_CHECK).map(ServerCheck::readFrom);
  }

  @Override
  public void recordCheck(ServerCheck check) {
    String json = JsonTrees.compact(check.writeTo(JsonTrees.object()));
    String sealed = seal.seal(StoreLayout.purpose(name, LAST_CHECK), json);
    connection.call(jedis -> jedis.hset(StoreLayout.account(name), LAST_CHECK, sealed));
  }

  // An informational record: one that does not open or parse is no record at all.
  private Optional<JsonNode> opened(String field) {
    String stored = connection.call(jedis -> jedis.hget(StoreLayout.account(name), field));
    if (stored == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JsonTrees.read(seal.open(StoreLayout.purpose(name, field), stored)));
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A stored document that does not open or cannot be used, with its fix. */
  @Override
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    List<String> stored = fields(VERSION, DOC);
    if (stored.get(1) != null) {
      try {
        open(stored.get(0), stored.get(1));
      } catch (InvalidInputException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return connection.url() + " " + StoreLayout.account(name);
  }
}
