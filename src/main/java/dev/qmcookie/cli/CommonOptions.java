package dev.qmcookie.cli;

import dev.qmcookie.vault.Vault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: where state lives and which account to use. */
final class CommonOptions {
  static final String HOME_ENV = "QMCOOKIE_HOME";
  static final Path DEFAULT_HOME = Path.of("profiles");
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

  Path resolveHome(Map<String, String> env) {
    if (home != null) {
      return home;
    }
    String fromEnv = env.get(HOME_ENV);
    return fromEnv == null || fromEnv.isBlank() ? DEFAULT_HOME : Path.of(fromEnv);
  }

  Vault vault(Map<String, String> env) {
    return new Vault(resolveHome(env), LOCK_TIMEOUT);
  }
}
