package dev.qmcookie.browser;

import java.nio.file.Path;
import java.util.List;

/**
 * The browser choices of one command, resolved by the command line from its options and the
 * environment, so that nothing here reads either.
 *
 * @param browser the Chrome asked for, or null to search {@code searchPath}
 * @param browserVia where {@code browser} came from ({@code --browser} or the variable), for errors
 * @param driver the chromedriver asked for, or null to look in the drivers folder and on the path
 * @param driverVia where {@code driver} came from, for errors
 * @param driversFolder the drivers folder asked for, or null for {@link DriversFolder#choose}
 * @param currentFolderTrusted whether only this user and root can write the current folder
 * @param download whether a missing chromedriver may be downloaded
 * @param display whether a window can open here
 * @param extraArgs Chrome switches given by the user
 * @param runningAsRoot Chrome refuses to start as root without {@code --no-sandbox}
 */
public record LaunchSettings(
    Path browser,
    String browserVia,
    Path driver,
    String driverVia,
    Path driversFolder,
    boolean currentFolderTrusted,
    List<Path> searchPath,
    boolean download,
    boolean display,
    List<String> extraArgs,
    boolean runningAsRoot) {

  public LaunchSettings {
    searchPath = List.copyOf(searchPath);
    extraArgs = List.copyOf(extraArgs);
  }
}
