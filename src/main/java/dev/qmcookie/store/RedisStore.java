package dev.qmcookie.store;

import static dev.qmcookie.store.StoreLayout.ACCOUNTS;
import static dev.qmcookie.store.StoreLayout.CHECK;
import static dev.qmcookie.store.StoreLayout.FORMAT;
import static dev.qmcookie.store.StoreLayout.STORE;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.vault.AccountRecords;
import dev.qmcookie.vault.AccountStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The accounts' records in a Redis that several hosts share ({@link StoreLayout}). Open it once per
 * command or daemon and close it at the end.
 */
public final class RedisStore implements AccountStore {
  private static final String CHECK_VALUE = "qmcookie store key check";
  private static final String FLEET_DOC = "see docs/fleet.md";

  private static final StoreConnection.Script INIT =
      StoreConnection.Script.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
          redis.call('HSET', KEYS[1], 'format', ARGV[1], 'check', ARGV[2], 'created', ARGV[3])
          return 1
          """);

  private final StoreConnection connection;
  private final Seal seal;
  private final StoreSettings settings;

  private RedisStore(StoreConnection connection, Seal seal, StoreSettings settings) {
    this.connection = connection;
    this.seal = seal;
    this.settings = settings;
  }

  /**
   * Connects to the store and checks that its seal and the settings agree; a new store is given
   * one, and its key file made.
   *
   * @throws InvalidInputException for a bad URL, a missing or wrong key file, or a plaintext store
   *     opened with a key or the other way round; nothing was written then
   * @param clock dates a new store
   * @throws dev.qmcookie.failure.TransientFailureException when the store cannot be reached
   * @throws dev.qmcookie.failure.SetupException when a rediss:// store's certificate is not trusted
   */
  public static RedisStore open(StoreSettings settings, Clock clock) throws IOException {
    return open(settings, clock, true);
  }

  /**
   * Like {@link #open(StoreSettings, Clock)}; with {@code mayInitialise} false, as for commands
   * that only read or renew what is there, a store not made yet is not made: it holds no accounts,
   * and nothing is written, neither into Redis nor a key file.
   */
  public static RedisStore open(StoreSettings settings, Clock clock, boolean mayInitialise)
      throws IOException {
    StoreUrl url = StoreUrl.parse(settings.url());
    if (settings.leaseTime() == null
        || settings.leaseTime().isNegative()
        || settings.leaseTime().isZero()) {
      throw new InvalidInputException("the store's lease time must be longer than 0");
    }
    Objects.requireNonNull(settings.lockTimeout(), "lockTimeout");
    Objects.requireNonNull(settings.holder(), "holder");
    if (settings.plaintext() && settings.keyFile() != null) {
      throw new InvalidInputException(
          "--store-plaintext and --store-key-file exclude each other: give the key file to seal"
              + " the store's documents, or --store-plaintext alone to keep them unsealed");
    }
    if (!settings.plaintext() && settings.keyFile() == null) {
      throw new InvalidInputException(
          "the store "
              + url
              + " needs --store-key-file (made on first use, then copied to the other hosts), or"
              + " --store-plaintext to keep its documents unsealed");
    }
    // Read before connecting: a key file others can read is refused whatever the store holds.
    Optional<SecretKey> key =
        settings.keyFile() == null ? Optional.empty() : StoreKeyFile.read(settings.keyFile());
    StoreConnection connection = new StoreConnection(url);
    try {
      Seal seal = agreeOnSeal(connection, settings, key, clock, mayInitialise);
      return new RedisStore(connection, seal, settings);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  private static Seal agreeOnSeal(
      StoreConnection connection,
      StoreSettings settings,
      Optional<SecretKey> key,
      Clock clock,
      boolean mayInitialise)
      throws IOException {
    Map<String, String> store = connection.call(jedis -> jedis.hgetAll(STORE));
    if (!store.isEmpty()) {
      return existingSeal(connection.url(), store, settings, keyMadeMeanwhile(settings, key));
    }
    if (!mayInitialise) {
      return Seal.notMade(
          "the store "
              + connection.url()
              + " holds no accounts yet: store one with import, login, capture or store push"
              + " ("
              + FLEET_DOC
              + ")");
    }
    Seal seal;
    StoreKeyFile.Claimed claimed = null;
    if (settings.plaintext()) {
      seal = Seal.plaintext();
    } else if (key.isPresent()) {
      seal = Seal.sealed(key.get()); // kept from a store that lost its data, or made in advance
    } else {
      // Written before the store takes it: a store sealed under a key that no file holds could
      // never be opened again. Another process of this home may have made it meanwhile.
      claimed = StoreKeyFile.claim(settings.keyFile(), StoreKeyFile.generate());
      seal = Seal.sealed(claimed.key());
    }
    // Should this fail, a key file made here stays: another process of this home may have read it
    // and sealed the store with it, and unused it only seals a new store again.
    if (initialise(connection, seal, clock)) {
      return seal;
    }
    // Another host or process made it first: take its seal like any existing store's.
    store = connection.call(jedis -> jedis.hgetAll(STORE));
    Optional<SecretKey> ours = claimed == null ? key : Optional.of(claimed.key());
    try {
      return existingSeal(connection.url(), store, settings, ours);
    } catch (InvalidInputException anotherKey) {
      if (claimed == null || !claimed.made()) {
        throw anotherKey;
      }
      // The store is another host's, sealed under its key: copy that one over this unused one.
      Files.deleteIfExists(settings.keyFile());
      return existingSeal(connection.url(), store, settings, Optional.empty());
    }
  }

  // Another process of this home may have made the key file, and the store, since it was read.
  private static Optional<SecretKey> keyMadeMeanwhile(
      StoreSettings settings, Optional<SecretKey> key) throws IOException {
    return key.isEmpty() && settings.keyFile() != null
        ? StoreKeyFile.read(settings.keyFile())
        : key;
  }

  private static boolean initialise(StoreConnection connection, Seal seal, Clock clock) {
    String check = seal.seal(StoreLayout.checkPurpose(), CHECK_VALUE);
    Object won =
        connection.script(
            INIT, List.of(STORE), List.of(seal.format(), check, clock.instant().toString()));
    return Long.valueOf(1).equals(won);
  }

  private static Seal existingSeal(
      StoreUrl url, Map<String, String> store, StoreSettings settings, Optional<SecretKey> key) {
    String format = store.get(FORMAT);
    if (Seal.PLAINTEXT_FORMAT.equals(format)) {
      if (!settings.plaintext()) {
        throw new InvalidInputException(
            "the store "
                + url
                + " keeps its documents unsealed (it was first used with --store-plaintext):"
                + " open it with --store-plaintext, or move its accounts to a sealed store with"
                + " store pull and store push ("
                + FLEET_DOC
                + ")");
      }
      return Seal.plaintext();
    }
    if (!Seal.SEALED_FORMAT.equals(format)) {
      throw new InvalidInputException(
          "the store "
              + url
              + " is not a qmcookie store this version knows (its format is \""
              + MessageText.quote(String.valueOf(format))
              + "\"): use another database number in the URL");
    }
    if (settings.plaintext()) {
      throw new InvalidInputException(
          "the store "
              + url
              + " is sealed with a key: open it with --store-key-file and the key file copied"
              + " from the host that first used it, not --store-plaintext ("
              + FLEET_DOC
              + ")");
    }
    if (key.isEmpty()) {
      throw new InvalidInputException(
          "the store "
              + url
              + " is sealed, and its key file "
              + settings.keyFile()
              + " is not on this host: copy it from the host that first used the store, mode"
              + " 0600 ("
              + FLEET_DOC
              + ")");
    }
    Seal seal = Seal.sealed(key.get());
    try {
      if (CHECK_VALUE.equals(seal.open(StoreLayout.checkPurpose(), store.get(CHECK)))) {
        return seal;
      }
    } catch (GeneralSecurityException | RuntimeException wrongKey) {
      // said below
    }
    throw new InvalidInputException(
        "the key file "
            + settings.keyFile()
            + " does not open the store "
            + url
            + " (another key): copy the key file from the host that first used the store ("
            + FLEET_DOC
            + ")");
  }

  /** The store's URL without its password. */
  @Override
  public String describe() {
    return connection.url().toString();
  }

  /**
   * Whether the store holds no account at all, as after a Redis restart without persistence: {@code
   * store push} from a host that still has a vault fills it again.
   */
  public boolean isEmpty() {
    return connection.call(jedis -> jedis.scard(ACCOUNTS)) == 0;
  }

  @Override
  public List<String> names() {
    return connection.call(jedis -> jedis.smembers(ACCOUNTS)).stream().sorted().toList();
  }

  @Override
  public AccountRecords records(String name, Path folder) {
    return new RedisRecords(name, folder, connection, seal, settings);
  }

  @Override
  public AutoCloseable follow(Runnable changed) {
    return ChangeFeed.start(connection, changed);
  }

  // For the tests of the change feed, which count its warnings.
  StoreConnection connection() {
    return connection;
  }

  @Override
  public void close() {
    connection.close();
  }

  @Override
  public String toString() {
    return "RedisStore{" + describe() + "}";
  }
}
