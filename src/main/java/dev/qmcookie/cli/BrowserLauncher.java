package dev.qmcookie.cli;

import dev.qmcookie.browser.DriversFolder;
import dev.qmcookie.browser.LaunchSettings;
import dev.qmcookie.browser.Launcher;
import dev.qmcookie.vault.ConfigDocument;
import dev.qmcookie.vault.RunningUser;
import dev.qmcookie.vault.TrustedPath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves the browser options and the environment into {@link LaunchSettings}, for a {@link
 * Launcher}.
 */
final class BrowserLauncher {
  static LaunchSettings settings(BrowserOptions options, Map<String, String> env) {
    Path drivers = pathFromEnv(env, DriversFolder.ENV);
    return new LaunchSettings(
        options.browser != null ? options.browser : pathFromEnv(env, BrowserOptions.BROWSER_ENV),
        options.browser != null ? "--browser" : "$" + BrowserOptions.BROWSER_ENV,
        options.driver != null ? options.driver : pathFromEnv(env, BrowserOptions.DRIVER_ENV),
        options.driver != null ? "--driver" : "$" + BrowserOptions.DRIVER_ENV,
        drivers,
        drivers == null && currentFolderTrusted(),
        searchPath(env),
        !options.noDownload,
        hasDisplay(env),
        ConfigDocument.items(options.browserArgs),
        RunningUser.isRoot());
  }

  private static boolean currentFolderTrusted() {
    try {
      return TrustedPath.problem(Path.of("").toAbsolutePath()).isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> searchPath(Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        dirs.add(Path.of(dir));
      }
    }
    return dirs;
  }

  private static boolean hasDisplay(Map<String, String> env) {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return true;
    }
    return !env.getOrDefault("DISPLAY", "").isBlank()
        || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
  }

  private static Path pathFromEnv(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : Path.of(value.trim());
  }
}
