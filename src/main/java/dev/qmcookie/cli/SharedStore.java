package dev.qmcookie.cli;

import dev.qmcookie.store.RedisStore;
import dev.qmcookie.store.StoreSettings;
import dev.qmcookie.vault.AccountStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Opens the shared store {@link StoreOptions} names. A class of its own, touched only when a store
 * is configured, so that a command without one loads none of Redis's classes.
 */
final class SharedStore {
  private SharedStore() {}

  /**
   * @param mayInitialise whether a store not made yet is made (with its key file) or left empty
   * @throws dev.qmcookie.failure.InvalidInputException when the address or the key cannot be used
   * @throws dev.qmcookie.failure.TransientFailureException when the store cannot be reached
   */
  static AccountStore open(
      StoreOptions options,
      String url,
      Path home,
      Duration lockTimeout,
      Clock clock,
      boolean mayInitialise)
      throws IOException {
    // Without encryption a key file is used only when the user names one: the default one may
    // belong to a sealed store of the same home.
    Path keyFile = options.plaintext && options.keyFile == null ? null : options.keyFile(home);
    return RedisStore.open(
        new StoreSettings(url, keyFile, options.plaintext, lockTimeout, options.lease, holder()),
        clock,
        mayInitialise);
  }

  /** This process, as the other hosts see it holding a lease: {@code host:pid}. */
  static String holder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + ":" + ProcessHandle.current().pid();
  }
}
