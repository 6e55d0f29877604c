package dev.qmcookie.cli;

import dev.qmcookie.vault.AccountStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The shared store of a fleet ({@code --store} and its key and lease), part of {@link
 * CommonOptions}. Without a store the accounts stay in the home's folders, as always.
 */
final class StoreOptions {
  static final String ENV = "QMCOOKIE_STORE";
  static final String KEY_FILE = "store.key";
  static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
  static final Duration SHORTEST_LEASE = Duration.ofSeconds(1);

  @Option(
      names = "--store",
      paramLabel = "URL",
      description =
          "Keep the accounts' cookies in a Redis store that several hosts share:"
              + " redis://[user:password@]host:port/db, or rediss:// for TLS; '' for none"
              + " (default: $"
              + ENV
              + ", else the home's folders). A password on the command line shows in ps: give"
              + " it in $"
              + ENV
              + " or an owner-only config.json.")
  String url;

  @Option(
      names = "--store-key-file",
      paramLabel = "FILE",
      description =
          "AES-256 key sealing the cookies in the store; created owner-only on first use, copy it"
              + " to the other hosts by hand (default: <home>/"
              + KEY_FILE
              + ").")
  Path keyFile;

  @Option(
      names = "--store-plaintext",
      description = "Keep the cookies in the store unencrypted, without a key file.")
  boolean plaintext;

  @Option(
      names = "--store-lease",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "How long a renewer holds an account in the store should it die, at least 1s; it must"
              + " outlast one renewal with all its retries, or another host renews the same key"
              + " again (default: 5m).")
  Duration lease = DEFAULT_LEASE;

  /**
   * The store's address: {@code --store}, else {@code $QMCOOKIE_STORE}, else config.json's {@code
   * store}; empty when none or blank.
   *
   * @param command the command these options belong to, to tell a flag from config.json's value
   */
  Optional<String> url(CommandSpec command, Map<String, String> env) {
    String chosen = fromCommandLine(command) || env.get(ENV) == null ? url : env.get(ENV);
    return chosen == null || chosen.isBlank() ? Optional.empty() : Optional.of(chosen.strip());
  }

  Path keyFile(Path home) {
    return keyFile != null ? keyFile : home.resolve(KEY_FILE);
  }

  // A store that held accounts and holds none lost them, most likely in a restart of a Redis
  // that keeps nothing on disk: the hosts' folders still hold the cookies they last pulled or
  // pushed.
  static String emptyStore(AccountStore store) {
    return "the store "
        + store.describe()
        + " holds no accounts; if Redis restarted without persistence, run `qmcookie store push`"
        + " on a host that still holds its folders (docs/fleet.md)";
  }

  // A value from config.json is the option's default: picocli records no argument for it.
  private static boolean fromCommandLine(CommandSpec command) {
    OptionSpec option = command.findOption("--store");
    return option != null && !option.originalStringValues().isEmpty();
  }
}
