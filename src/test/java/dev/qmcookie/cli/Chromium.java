package dev.qmcookie.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Browser tests need Debian's chromium and chromium-driver. Without them they are skipped with the
 * reason shown, except under CI=true, where a missing browser is a failure.
 */
final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  static void require() {
    boolean installed = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    if (installed) {
      return;
    }
    String why = "no " + BROWSER + " or " + DRIVER + ": apt-get install chromium chromium-driver";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true needs the browser tests to run, but there is " + why);
    }
    Assumptions.abort("browser test skipped: " + why);
  }
}
