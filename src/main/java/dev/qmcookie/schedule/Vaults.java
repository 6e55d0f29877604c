package dev.qmcookie.schedule;

import dev.qmcookie.cookie.ServerCheck;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's view of the accounts and of renewal: {@link DaemonAccounts} over the vault and the
 * account layer, or a fake in tests of the loop.
 */
public interface Vaults {
  /** The home folder, watched for changes. */
  Path home();

  /** The accounts that hold a cookie now. */
  List<String> accounts() throws Exception;

  /** The account's schedule facts, read from disk now. */
  AccountView view(String account) throws Exception;

  /**
   * The {@link AccountView#fingerprint} alone, where that is cheaper to read: the daemon re-reads
   * every account of a shared store often, and most have not changed.
   */
  default String fingerprint(String account) throws Exception {
    return view(account).fingerprint();
  }

  /**
   * Whether the accounts live in a shared store: the daemon then follows it ({@link #follow}) and
   * reads it again every {@link Daemon#CATCH_UP}, for the messages it may have missed.
   */
  default boolean shared() {
    return false;
  }

  /** The shared store's address without its password, for the log; null without a store. */
  default String storeName() {
    return null;
  }

  /**
   * Calls {@code changed} whenever the shared store says an account may have changed, and after its
   * connection comes back, until the returned handle is closed. Without a store, nothing.
   *
   * @throws Exception when the store cannot be followed now; the daemon tries again later
   */
  default AutoCloseable follow(Runnable changed) throws Exception {
    return () -> {};
  }

  /** Renews the account as {@code qmcookie renew} would; never throws. */
  Outcome renew(String account);

  /**
   * Renews the account now, even when it is not due or a refused live check marked it; never
   * throws.
   */
  default Outcome renewNow(String account) {
    return renew(account);
  }

  /** Whether {@link #check} asks the server. */
  default boolean checks() {
    return false;
  }

  /**
   * Asks the server whether the account's stored cookie is still logged in, and keeps the answer;
   * never throws. Empty when this daemon does not check.
   */
  default Optional<ServerCheck> check(String account) {
    return Optional.empty();
  }

  /** The command a person runs to log the account in again, for an alert that needs one. */
  default String loginCommand(String account) {
    return "qmcookie login --account " + account;
  }

  /** Writes the account's current cookie to each of {@code targets}; returns the paths written. */
  List<Path> export(String account, List<ExportTarget> targets) throws Exception;
}
