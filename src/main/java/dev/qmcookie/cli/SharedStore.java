package dev.qmcookie.cli;

import dev.qmcookie.store.RedisStore;
import dev.qmcookie.store.StoreSettings;
import dev.qmcookie.vault.AccountStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

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
    return holder(SharedStore::kernelHostName, ProcessHandle.current().pid());
  }

  /**
   * @param hostName the machine's name as the kernel has it; empty when it cannot be read
   */
  static String holder(Supplier<String> hostName, long pid) {
    String host = hostName.get().strip();
    return (host.isEmpty() ? "unknown-host" : host) + ":" + pid;
  }

  // Not InetAddress.getLocalHost(): that also resolves the name, which on a box whose name is in
  // no hosts file or DNS waits for the resolver's timeout on every command.
  private static String kernelHostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname"));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
