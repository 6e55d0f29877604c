package dev.qmcookie.cli;

import dev.qmcookie.browser.BrowserLocator;
import dev.qmcookie.browser.DriverDownloader;
import dev.qmcookie.browser.DriverLocator;
import dev.qmcookie.browser.InstalledProgram;
import dev.qmcookie.browser.LaunchSpec;
import dev.qmcookie.browser.ProfileLock;
import dev.qmcookie.browser.WebDriverManagerDownloader;
import dev.qmcookie.failure.SetupException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.FilePermissions;
import dev.qmcookie.vault.RunningUser;
import dev.qmcookie.vault.TrustedPath;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the browser options and the environment into a launch: the browser, a matching driver, the
 * account's profile (owner-only, not in use) and the switches this machine needs.
 */
final class BrowserLauncher {
  static final Path DEFAULT_DRIVERS = Path.of("drivers");
  // WebDriverManager can block for minutes behind a silent proxy; nothing may hang that long.
  static final Duration DOWNLOAD_LIMIT = Duration.ofSeconds(20);

  private final BrowserOptions options;
  private final Map<String, String> env;

  BrowserLauncher(BrowserOptions options, Map<String, String> env) {
    this.options = options;
    this.env = env;
  }

  InstalledProgram browser() {
    Path chosen =
        options.browser != null ? options.browser : pathFromEnv(BrowserOptions.BROWSER_ENV);
    String via = options.browser != null ? "--browser" : "$" + BrowserOptions.BROWSER_ENV;
    return new BrowserLocator(searchPath()).locate(chosen, via);
  }

  InstalledProgram driver(InstalledProgram browser) {
    Path chosen = options.driver != null ? options.driver : pathFromEnv(BrowserOptions.DRIVER_ENV);
    String via = options.driver != null ? "--driver" : "$" + BrowserOptions.DRIVER_ENV;
    DriverDownloader downloader =
        options.noDownload ? DriverDownloader.NONE : new WebDriverManagerDownloader();
    return new DriverLocator(driversDir(), searchPath(), downloader, DOWNLOAD_LIMIT)
        .locate(chosen, via, browser);
  }

  /**
   * Everything checked before Chrome starts, so that a problem is one clear message rather than a
   * crash or a hang.
   */
  LaunchSpec prepare(Account account, boolean headless) throws IOException {
    if (!headless && !hasDisplay()) {
      throw new SetupException(
          "no display to open a browser window on ($DISPLAY is not set): use --headless to log in"
              + " with a QR code in the terminal, or run under xvfb-run");
    }
    InstalledProgram browser = browser();
    InstalledProgram driver = driver(browser);
    Path profile = account.browserProfile();
    account.createFolders();
    FilePermissions.createPrivateDirectory(profile);
    ProfileLock.ensureFree(profile, hostName());
    return new LaunchSpec(
        browser, driver, profile, headless, ConfigFile.items(options.browserArgs), runningAsRoot());
  }

  Path driversDir() {
    Path fromEnv = pathFromEnv(BrowserOptions.DRIVERS_ENV);
    return fromEnv != null
        ? fromEnv
        : defaultDrivers(Path.of("").toAbsolutePath(), installFolder());
  }

  /**
   * ./drivers, unless the current folder is one that others control (such as /tmp): a chromedriver
   * planted there would run, often as root. There the install folder's drivers/ is used instead.
   *
   * @param installFolder the folder of the running jar, or null when unknown
   * @throws SetupException when the current folder is not safe and the install folder unknown
   */
  static Path defaultDrivers(Path cwd, Path installFolder) {
    boolean trusted;
    try {
      trusted = TrustedPath.problem(cwd).isEmpty();
    } catch (IOException e) {
      trusted = false;
    }
    if (trusted || cwd.equals(installFolder)) {
      return DEFAULT_DRIVERS;
    }
    if (installFolder == null) {
      throw new SetupException(
          "the current folder "
              + cwd
              + " is not safe for ./drivers (others can write it):"
              + " set $"
              + BrowserOptions.DRIVERS_ENV
              + ", or give --driver PATH");
    }
    return installFolder.resolve(DEFAULT_DRIVERS);
  }

  /** The folder of the jar (or classes folder) qmcookie runs from, or null when unknown. */
  static Path installFolder() {
    try {
      Path code =
          Path.of(
              BrowserLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return (Files.isRegularFile(code) ? code.getParent() : code).toAbsolutePath();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  List<Path> searchPath() {
    List<Path> dirs = new ArrayList<>();
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        dirs.add(Path.of(dir));
      }
    }
    return dirs;
  }

  boolean hasDisplay() {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return true;
    }
    return !env.getOrDefault("DISPLAY", "").isBlank()
        || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
  }

  private Path pathFromEnv(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : Path.of(value.trim());
  }

  // Chrome writes gethostname() into SingletonLock; /proc has the same name without a DNS lookup.
  static String hostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        return "localhost";
      }
    }
  }

  static boolean runningAsRoot() {
    return RunningUser.isRoot();
  }
}
