package dev.qmcookie.vault;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The home folder: one sub-folder per account, the settings and the endpoint's token. */
public final class Vault {
  /** The settings file whose values become option defaults. */
  public static final String CONFIG_FILE = "config.json";

  /** The bearer token of the daemon's endpoint; see {@link ApiToken}. */
  public static final String API_TOKEN_FILE = "api-token";

  private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Path home;
  private final Duration lockTimeout;
  private final AccountStore store;

  /**
   * A home whose accounts keep their records in their folders.
   *
   * @param lockTimeout how long a command waits for an account that another process is renewing
   */
  public Vault(Path home, Duration lockTimeout) {
    this(home, lockTimeout, null);
  }

  /**
   * A home whose accounts keep their records in {@code store} when it is not null; their folders
   * keep the browser profiles and recovery files.
   */
  public Vault(Path home, Duration lockTimeout, AccountStore store) {
    this.home = home;
    this.lockTimeout = lockTimeout;
    this.store = store;
  }

  /** The shared store that keeps the records, if there is one. */
  public Optional<AccountStore> store() {
    return Optional.ofNullable(store);
  }

  public Path home() {
    return home;
  }

  public Path configFile() {
    return home.resolve(CONFIG_FILE);
  }

  public Path apiTokenFile() {
    return home.resolve(API_TOKEN_FILE);
  }

  /**
   * The account of that name, whether or not it has a cookie yet.
   *
   * @throws InvalidInputException when the name is not a plain folder name
   */
  public Account account(String name) {
    if (name == null || !ACCOUNT_NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          "the account name \""
              + name
              + "\" is not allowed: use 1 to 64 letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit");
    }
    Path dir = home.resolve(name);
    AccountRecords records =
        store == null ? new FolderRecords(name, dir, lockTimeout) : store.records(name, dir);
    return new Account(name, dir, records);
  }

  /**
   * Every account that has a stored cookie, sorted by name. An account whose folder is not the
   * user's own is listed too: it refuses to be read or locked, so that one bad folder is reported
   * on its own instead of stopping every account.
   */
  public List<Account> accounts() throws IOException {
    if (store != null) {
      return store.names().stream().map(this::account).toList();
    }
    List<Account> accounts = new ArrayList<>();
    if (!Files.isDirectory(home)) {
      return accounts;
    }
    try (Stream<Path> children = Files.list(home)) {
      children
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> ACCOUNT_NAME.matcher(n).matches())
          .sorted()
          .map(this::account)
          .filter(Account::exists)
          .forEach(accounts::add);
    }
    return accounts;
  }
}
