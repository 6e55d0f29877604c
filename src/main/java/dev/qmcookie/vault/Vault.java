package dev.qmcookie.vault;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The home folder: one sub-folder per account. */
public final class Vault {
  private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final Path home;
  private final Duration lockTimeout;

  /**
   * @param lockTimeout how long a command waits for an account that another process is renewing
   */
  public Vault(Path home, Duration lockTimeout) {
    this.home = home;
    this.lockTimeout = lockTimeout;
  }

  public Path home() {
    return home;
  }

  /**
   * The account of that name, whether or not it has a cookie yet.
   *
   * @throws InvalidInputException when the name is not a plain folder name, or the folder or a
   *     file in it belongs to another user or others can write it
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
    requireTrusted(dir);
    return new Account(name, dir, lockTimeout);
  }

  // The cookie and the renewal record steer what is sent and stored: a folder or file another
  // user can write could swap in their own login, or read ours through a planted link.
  private static void requireTrusted(Path dir) {
    try {
      for (Path p : List.of(dir, dir.resolve(Account.COOKIE_FILE), dir.resolve(Account.PREVIOUS_FILE),
          dir.resolve(Account.LAST_RENEWAL_FILE), dir.resolve(Account.HISTORY_FILE))) {
        TrustedPath.require(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every account that has a stored cookie, sorted by name. */
  public List<Account> accounts() throws IOException {
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
