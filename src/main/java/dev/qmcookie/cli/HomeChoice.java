package dev.qmcookie.cli;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.TrustedPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The home a command line uses: {@code --home}, else {@code $QMCOOKIE_HOME}, else {@code
 * ./profiles}. The default is relative to the current folder, so in a folder others can write
 * (/tmp, a shared checkout) another user could plant a home, with a config.json that sends the
 * cookie elsewhere; there the default is refused.
 *
 * @param isDefault whether neither the flag nor the environment named it
 */
record HomeChoice(Path path, boolean isDefault) {
  static final Path DEFAULT_HOME = Path.of("profiles");

  static HomeChoice of(Path flag, Map<String, String> env) {
    if (flag != null) {
      return new HomeChoice(flag, false);
    }
    String fromEnv = env.get(CommonOptions.HOME_ENV);
    return fromEnv == null || fromEnv.isBlank()
        ? new HomeChoice(DEFAULT_HOME, true)
        : new HomeChoice(Path.of(fromEnv), false);
  }

  /**
   * The home a command line names, read before picocli parses it: the home decides where the config
   * is, whose values become the option defaults.
   */
  static HomeChoice of(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--home") && i + 1 < args.length) {
        return of(Path.of(args[i + 1]), env);
      }
      if (args[i].startsWith("--home=")) {
        return of(Path.of(args[i].substring("--home=".length())), env);
      }
    }
    return of((Path) null, env);
  }

  /**
   * Why this home must not be used, if it must not: the default one in a folder others control, or
   * a home that is not the user's own.
   */
  Optional<String> problem() throws IOException {
    if (isDefault) {
      Optional<TrustedPath.Untrusted> cwd = TrustedPath.problem(Path.of("").toAbsolutePath());
      if (cwd.isPresent()) {
        return Optional.of(
            "the current folder "
                + cwd.get().path()
                + " "
                + cwd.get().reason()
                + ", so the default home ./profiles is not safe there: give --home DIR or set $"
                + CommonOptions.HOME_ENV
                + " to a folder of your own");
      }
    }
    if (Files.exists(path) && !Files.isDirectory(path)) {
      return Optional.of(
          "the home "
              + path
              + " is not a folder: give --home DIR or set $"
              + CommonOptions.HOME_ENV
              + " to a folder (qmcookie creates it if it does not exist)");
    }
    return TrustedPath.problem(path).map(u -> "the home " + u.message());
  }

  /**
   * @throws InvalidInputException (exit 5) with {@link #problem}
   */
  void requireUsable() throws IOException {
    Optional<String> problem = problem();
    if (problem.isPresent()) {
      throw new InvalidInputException(problem.get());
    }
  }
}
