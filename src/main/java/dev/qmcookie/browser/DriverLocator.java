package dev.qmcookie.browser;

import dev.qmcookie.failure.SetupException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds a chromedriver that matches the browser: the one chosen by the user, else a matching one in
 * {@code drivers/}, else one on PATH, and only then a download under a hard time limit. Every step
 * is recorded, so that a failure says exactly what was looked at.
 */
public final class DriverLocator {
  static final String NAME = "chromedriver";

  private final Path driversDir;
  private final List<Path> searchPath;
  private final DriverDownloader downloader;
  private final Duration downloadLimit;

  public DriverLocator(
      Path driversDir, List<Path> searchPath, DriverDownloader downloader, Duration downloadLimit) {
    this.driversDir = driversDir;
    this.searchPath = List.copyOf(searchPath);
    this.downloader = downloader;
    this.downloadLimit = downloadLimit;
  }

  /**
   * @param chosen the driver the user named, or null
   * @param chosenVia where that choice came from, such as {@code --driver}
   * @throws SetupException for a missing or mismatched driver, naming what was looked at
   */
  public InstalledProgram locate(Path chosen, String chosenVia, InstalledProgram browser) {
    int major = browser.major().orElse(-1);
    if (chosen != null) {
      if (!Files.isExecutable(chosen)) {
        throw new SetupException(
            chosenVia + " names " + chosen + ", which is not an executable file");
      }
      return requireMatch(probe(chosen, chosenVia), browser);
    }
    List<String> looked = new ArrayList<>();
    List<InstalledProgram> mismatched = new ArrayList<>();

    Optional<InstalledProgram> inDrivers = matchingInDriversDir(major, looked, mismatched);
    if (inDrivers.isPresent()) {
      return inDrivers.get();
    }
    Optional<Path> onPath = ExecutableSearch.find(List.of(NAME), searchPath);
    if (onPath.isPresent()) {
      InstalledProgram found = probe(onPath.get(), "PATH");
      if (matches(found, major)) {
        return found;
      }
      mismatched.add(found);
      looked.add("PATH: " + found.path() + " is version " + found.number());
    } else {
      looked.add("PATH: no " + NAME);
    }
    if (major > 0) {
      Optional<InstalledProgram> downloaded = download(major, looked);
      if (downloaded.isPresent()) {
        return downloaded.get();
      }
    }
    if (!mismatched.isEmpty()) {
      throw mismatch(mismatched.get(0), browser, looked);
    }
    throw new SetupException(
        "no "
            + NAME
            + " for "
            + browser.version()
            + ": looked at "
            + String.join("; ", looked)
            + ". Install it (Debian/Ubuntu: apt-get install chromium-driver), put a matching "
            + NAME
            + " in "
            + driversDir
            + ", or give --driver PATH or $QMCOOKIE_DRIVER");
  }

  private Optional<InstalledProgram> matchingInDriversDir(
      int major, List<String> looked, List<InstalledProgram> mismatched) {
    if (!Files.isDirectory(driversDir)) {
      looked.add(driversDir + ": no such folder");
      return Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(driversDir.toAbsolutePath())) {
      for (Path f : files) {
        collectDrivers(f, candidates, 0);
      }
    } catch (IOException e) {
      looked.add(driversDir + ": unreadable (" + e.getMessage() + ")");
      return Optional.empty();
    }
    candidates.sort(null);
    for (Path candidate : candidates) {
      try {
        InstalledProgram p = InstalledProgram.probe(candidate, "drivers/");
        if (matches(p, major)) {
          return Optional.of(p);
        }
        mismatched.add(p);
      } catch (IOException e) {
        // A broken or foreign file in drivers/ is skipped; the summary below counts it.
      }
    }
    looked.add(
        driversDir + ": " + (candidates.isEmpty() ? "no " + NAME : "no " + NAME + " " + major));
    return Optional.empty();
  }

  // WebDriverManager keeps drivers a few folders deep (chromedriver/linux64/156.0.../chromedriver).
  private static void collectDrivers(Path p, List<Path> out, int depth) throws IOException {
    if (Files.isDirectory(p) && depth < 4) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
        for (Path c : children) {
          collectDrivers(c, out, depth + 1);
        }
      }
    } else if (p.getFileName().toString().equals(NAME) && Files.isExecutable(p)) {
      out.add(p);
    }
  }

  private Optional<InstalledProgram> download(int major, List<String> looked) {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "driver-download");
              t.setDaemon(
                  true); // a download stuck behind a silent proxy must not keep the JVM alive
              return t;
            });
    Future<Path> future = executor.submit(() -> downloader.download(major, driversDir));
    try {
      Path path = future.get(downloadLimit.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.of(requireVersion(InstalledProgram.probe(path, "download"), major));
    } catch (TimeoutException e) {
      future.cancel(true);
      looked.add(
          "download: no answer within "
              + downloadLimit.toSeconds()
              + "s (offline or a silent proxy?)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      looked.add("download: " + shortMessage(cause));
    } catch (IOException | SetupException e) {
      looked.add("download: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      looked.add("download: interrupted");
    } finally {
      executor.shutdownNow();
    }
    return Optional.empty();
  }

  private static InstalledProgram requireVersion(InstalledProgram p, int major) {
    if (!matches(p, major)) {
      throw new SetupException(
          "the downloaded " + NAME + " is version " + p.number() + ", not " + major);
    }
    return p;
  }

  private static InstalledProgram requireMatch(InstalledProgram driver, InstalledProgram browser) {
    if (!matches(driver, browser.major().orElse(-1))) {
      throw mismatch(driver, browser, List.of());
    }
    return driver;
  }

  private static boolean matches(InstalledProgram driver, int browserMajor) {
    OptionalInt m = driver.major();
    return browserMajor < 0 || (m.isPresent() && m.getAsInt() == browserMajor);
  }

  private static SetupException mismatch(
      InstalledProgram driver, InstalledProgram browser, List<String> looked) {
    return new SetupException(
        NAME
            + " "
            + driver.number()
            + " ("
            + driver.path()
            + ") does not match "
            + browser.version()
            + " ("
            + browser.path()
            + "): the major versions must be equal. Install the driver that"
            + " comes with the browser (Debian/Ubuntu: apt-get install chromium chromium-driver), or"
            + " put "
            + NAME
            + " "
            + browser.major().orElse(0)
            + " in drivers/"
            + (looked.isEmpty() ? "" : "; looked at " + String.join("; ", looked)));
  }

  private InstalledProgram probe(Path path, String source) {
    try {
      return InstalledProgram.probe(path, source);
    } catch (IOException e) {
      throw new SetupException(
          NAME + " " + path + " (from " + source + ") does not start: " + e.getMessage(), e);
    }
  }

  private static String shortMessage(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    m = m.strip();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.length() > 160 ? m.substring(0, 160) + "…" : m;
  }
}
