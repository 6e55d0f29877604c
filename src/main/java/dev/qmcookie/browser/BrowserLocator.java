package dev.qmcookie.browser;

import dev.qmcookie.failure.SetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the Chrome or Chromium to drive: the one chosen by the user, else the first on PATH. */
public final class BrowserLocator {
  /** Names tried on PATH, in order. */
  public static final List<String> NAMES =
      List.of("google-chrome", "google-chrome-stable", "chromium", "chromium-browser");

  private final List<Path> searchPath;

  public BrowserLocator(List<Path> searchPath) {
    this.searchPath = List.copyOf(searchPath);
  }

  /**
   * @param chosen the browser the user named, or null
   * @param chosenVia where that choice came from, such as {@code --browser}
   * @throws SetupException naming every place looked at, with a fix
   */
  public InstalledProgram locate(Path chosen, String chosenVia) {
    if (chosen != null) {
      if (!Files.isExecutable(chosen)) {
        throw new SetupException(
            chosenVia + " names " + chosen + ", which is not an executable file");
      }
      return probe(chosen, chosenVia);
    }
    Optional<Path> onPath = ExecutableSearch.find(NAMES, searchPath);
    if (onPath.isEmpty()) {
      throw new SetupException(
          "no Chrome or Chromium found: looked for "
              + String.join(", ", NAMES)
              + " on PATH. Install one (Debian/Ubuntu: apt-get install chromium chromium-driver),"
              + " or give --browser PATH or $QMCOOKIE_BROWSER; or log in without a browser, by QR"
              + " code: qmcookie login --qr");
    }
    return probe(onPath.get(), "PATH");
  }

  private static InstalledProgram probe(Path path, String source) {
    try {
      return InstalledProgram.probe(path, source);
    } catch (IOException e) {
      throw new SetupException(
          "the browser " + path + " (from " + source + ") does not start: " + e.getMessage(), e);
    }
  }
}
