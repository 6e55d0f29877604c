package dev.qmcookie.browser;

import dev.qmcookie.failure.SetupException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where chromedrivers are looked for and downloaded to, when no folder is asked for. */
public final class DriversFolder {
  public static final String ENV = "QMCOOKIE_DRIVERS";
  static final Path DEFAULT = Path.of("drivers");

  private DriversFolder() {}

  /**
   * ./drivers, unless the current folder is one that others control (such as /tmp): a chromedriver
   * planted there would run, often as root. There the install folder's drivers/ is used instead.
   *
   * @param installFolder the folder of the running jar, or null when unknown
   * @throws SetupException when the current folder is not safe and the install folder unknown
   */
  public static Path choose(Path cwd, boolean cwdTrusted, Path installFolder) {
    if (cwdTrusted || cwd.equals(installFolder)) {
      return DEFAULT;
    }
    if (installFolder == null) {
      throw new SetupException(
          "the current folder "
              + cwd
              + " is not safe for ./drivers (others can write it):"
              + " set $"
              + ENV
              + ", or give --driver PATH");
    }
    return installFolder.resolve(DEFAULT);
  }

  /** The folder of the jar (or classes folder) qmcookie runs from, or null when unknown. */
  public static Path installFolder() {
    try {
      Path code =
          Path.of(DriversFolder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return (Files.isRegularFile(code) ? code.getParent() : code).toAbsolutePath();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
