package dev.qmcookie.cli;

import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: where state lives and which account to use. */
final class CommonOptions {
  static final String HOME_ENV = "QMCOOKIE_HOME";
  // Longer than a renewal with all its retries, so a waiting command sees the other one finish.
  static final Duration LOCK_TIMEOUT = Duration.ofMinutes(2);

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

  HomeChoice homeChoice(Map<String, String> env) {
    return HomeChoice.of(home, env);
  }

  /**
   * @throws dev.qmcookie.failure.InvalidInputException when the home is not safe to use (see {@link
   *     HomeChoice#problem})
   */
  Vault vault(Map<String, String> env) throws IOException {
    HomeChoice choice = homeChoice(env);
    choice.requireUsable();
    return new Vault(choice.path(), LOCK_TIMEOUT);
  }
}
