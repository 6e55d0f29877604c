package dev.qmcookie.cli;

import dev.qmcookie.vault.AccountStore;
import dev.qmcookie.vault.HomeChoice;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command shares: where state lives and which account to use. */
final class CommonOptions {
  static final String HOME_ENV = HomeChoice.ENV;
  // Longer than a renewal with all its retries, so a waiting command sees the other one finish.
  static final Duration LOCK_TIMEOUT = Duration.ofMinutes(2);

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  // Parsed for --help and to refuse a --home without DIR; the value used is the one resolved
  // before parsing (QmcookieCommand.home), which also chose the config.
  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Folder that holds all accounts (default: $QMCOOKIE_HOME, else ./profiles).")
  Path home;

  @Option(
      names = {"-a", "--account"},
      paramLabel = "NAME",
      defaultValue = "default",
      description = "Account to use (default: ${DEFAULT-VALUE}).")
  String account;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show details and stack traces of errors.")
  boolean verbose;

  @Mixin StoreOptions storeOptions;

  private Vault vault;

  /** The home {@code Main} resolved from the command line (see {@link QmcookieCommand#home}). */
  HomeChoice homeChoice() {
    return root().home();
  }

  static HomeChoice homeChoice(Path flag, Map<String, String> env) {
    return HomeChoice.of(flag, env.get(HOME_ENV));
  }

  /**
   * The home a command line names, read before picocli parses it: the home decides where the config
   * is, whose values become the option defaults.
   */
  static HomeChoice homeChoice(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--home") && i + 1 < args.length) {
        return homeChoice(Path.of(args[i + 1]), env);
      }
      if (args[i].startsWith("--home=")) {
        return homeChoice(Path.of(args[i].substring("--home=".length())), env);
      }
    }
    return homeChoice((Path) null, env);
  }

  /**
   * @throws dev.qmcookie.failure.InvalidInputException when the home is not safe to use (see {@link
   *     HomeChoice#problem})
   */
  Vault vault() throws IOException {
    return vault(false);
  }

  /**
   * The vault of a command that stores a document (import, login, capture, store push) or of the
   * daemon: the only ones that make a new store, and its key file. The others leave a store not
   * made yet as it is, empty.
   */
  Vault vaultToWrite() throws IOException {
    return vault(true);
  }

  private Vault vault(boolean mayInitialise) throws IOException {
    if (vault == null) {
      Path home = usableHome();
      Optional<String> url = storeOptions.url(mixee, root().context().env());
      vault =
          new Vault(
              home, LOCK_TIMEOUT, url.isEmpty() ? null : openStore(url.get(), home, mayInitialise));
    }
    return vault;
  }

  /**
   * The accounts in the home's folders, whatever store is configured: the other side of {@code
   * store push} and {@code store pull}.
   */
  Vault folderVault() throws IOException {
    return new Vault(usableHome(), LOCK_TIMEOUT);
  }

  /** Whether a shared store is configured, without opening it. */
  boolean storeConfigured() {
    return storeOptions.url(mixee, root().context().env()).isPresent();
  }

  private Path usableHome() throws IOException {
    HomeChoice choice = homeChoice();
    choice.requireUsable();
    return choice.path();
  }

  private AccountStore openStore(String url, Path home, boolean mayInitialise) throws IOException {
    if (storeOptions.lease.compareTo(StoreOptions.SHORTEST_LEASE) < 0) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "--store-lease must be at least 1s");
    }
    AccountStore store =
        SharedStore.open(
            storeOptions, url, home, LOCK_TIMEOUT, root().context().clock(), mayInitialise);
    // In-process runs (the tests, the start-up training) run many commands: none may leave a
    // pool or a subscriber behind.
    root().closeWhenDone(store);
    return store;
  }

  private QmcookieCommand root() {
    return (QmcookieCommand) mixee.root().userObject();
  }
}
