package dev.qmcookie.browser;

import dev.qmcookie.failure.SetupException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Turns launch settings into a launch: the browser, a matching driver, the account's profile (not
 * in use) and the switches this machine needs.
 */
public final class Launcher {
  // WebDriverManager can block for minutes behind a silent proxy; nothing may hang that long.
  static final Duration DOWNLOAD_LIMIT = Duration.ofSeconds(20);

  /** Makes the profile folder (owner-only), once the browser and its driver are found. */
  @FunctionalInterface
  public interface ProfileFolder {
    void create(Path profile) throws IOException;
  }

  private final LaunchSettings settings;

  public Launcher(LaunchSettings settings) {
    this.settings = settings;
  }

  public InstalledProgram browser() {
    return new BrowserLocator(settings.searchPath())
        .locate(settings.browser(), settings.browserVia());
  }

  public InstalledProgram driver(InstalledProgram browser) {
    DriverDownloader downloader =
        settings.download() ? new WebDriverManagerDownloader() : DriverDownloader.NONE;
    return new DriverLocator(driversFolder(), settings.searchPath(), downloader, DOWNLOAD_LIMIT)
        .locate(settings.driver(), settings.driverVia(), browser);
  }

  /**
   * Everything checked before Chrome starts, so that a problem is one clear message rather than a
   * crash or a hang.
   */
  public LaunchSpec prepare(Path profile, boolean headless, ProfileFolder folder)
      throws IOException {
    if (!headless && !settings.display()) {
      throw new SetupException(
          "no display to open a browser window on ($DISPLAY is not set): use --headless to log in"
              + " with a QR code in the terminal, or run under xvfb-run");
    }
    InstalledProgram browser = browser();
    InstalledProgram driver = driver(browser);
    folder.create(profile);
    ProfileLock.ensureFree(profile, ProfileLock.thisHost());
    return new LaunchSpec(
        browser, driver, profile, headless, settings.extraArgs(), settings.runningAsRoot());
  }

  Path driversFolder() {
    return settings.driversFolder() != null
        ? settings.driversFolder()
        : DriversFolder.choose(
            Path.of("").toAbsolutePath(),
            settings.currentFolderTrusted(),
            DriversFolder.installFolder());
  }
}
