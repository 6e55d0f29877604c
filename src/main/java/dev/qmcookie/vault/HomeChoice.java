package dev.qmcookie.vault;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The home a command line uses: {@code --home}, else {@code $QMCOOKIE_HOME}, else {@code
 * ./profiles} (the command line resolves which). The default is relative to the current folder, so
 * in a folder others can write (/tmp, a shared checkout) another user could plant a home, with a
 * config.json that sends the cookie elsewhere; there the default is refused.
 *
 * @param isDefault whether neither the flag nor the environment named it
 */
public record HomeChoice(Path path, boolean isDefault) {
  /** The environment variable that names the home. */
  public static final String ENV = "QMCOOKIE_HOME";

  public static final Path DEFAULT_HOME = Path.of("profiles");

  /**
   * {@code flag}, else {@code fromEnv}, else the default home.
   *
   * @param flag the {@code --home} value, or null
   * @param fromEnv the value of {@link #ENV}, or null
   */
  public static HomeChoice of(Path flag, String fromEnv) {
    if (flag != null) {
      return new HomeChoice(flag, false);
    }
    return fromEnv == null || fromEnv.isBlank()
        ? new HomeChoice(DEFAULT_HOME, true)
        : new HomeChoice(Path.of(fromEnv), false);
  }

  /**
   * Why this home must not be used, if it must not: the default one in a folder others control, or
   * a home that is not the user's own.
   */
  public Optional<String> problem() throws IOException {
    if (isDefault) {
      Optional<TrustedPath.Untrusted> cwd = TrustedPath.problem(Path.of("").toAbsolutePath());
      if (cwd.isPresent()) {
        return Optional.of(
            "the current folder "
                + cwd.get().path()
                + " "
                + cwd.get().reason()
                + ", so the default home ./profiles is not safe there: give --home DIR or set $"
                + ENV
                + " to a folder of your own");
      }
    }
    if (Files.exists(path) && !Files.isDirectory(path)) {
      return Optional.of(
          "the home "
              + path
              + " is not a folder: give --home DIR or set $"
              + ENV
              + " to a folder (qmcookie creates it if it does not exist)");
    }
    return TrustedPath.problem(path).map(u -> "the home " + u.message());
  }

  /**
   * @throws InvalidInputException (exit 5) with {@link #problem}
   */
  public void requireUsable() throws IOException {
    Optional<String> problem = problem();
    if (problem.isPresent()) {
      throw new InvalidInputException(problem.get());
    }
  }
}
