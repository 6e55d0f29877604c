package dev.qmcookie.browser;

import java.nio.file.Path;
import java.util.List;

/**
 * How to start the browser for one account.
 *
 * @param profile the account's Chrome user-data-dir
 * @param extraArgs Chrome switches given by the user, added last so that they win
 * @param runningAsRoot Chrome refuses to start as root without {@code --no-sandbox}
 */
public record LaunchSpec(
    InstalledProgram browser,
    InstalledProgram driver,
    Path profile,
    boolean headless,
    List<String> extraArgs,
    boolean runningAsRoot) {

  public LaunchSpec {
    extraArgs = List.copyOf(extraArgs);
  }

  /** The switches qmcookie starts Chrome with. */
  public List<String> arguments() {
    List<String> args = new java.util.ArrayList<>();
    args.add("--user-data-dir=" + profile.toAbsolutePath());
    // Without it a profile made headed (keyring-encrypted cookies) looks logged out headless.
    args.add("--password-store=basic");
    args.add("--no-first-run");
    args.add("--no-default-browser-check");
    // Closed networks refuse these background connections by the dozen; none is needed to log in.
    args.add("--disable-background-networking");
    args.add("--disable-component-update");
    args.add("--disable-sync");
    args.add("--disable-breakpad");
    args.add("--disable-crash-reporter");
    args.add("--disable-dev-shm-usage");
    if (headless) {
      args.add("--headless=new");
      args.add("--window-size=1280,900");
      // Headless Chrome says "HeadlessChrome" in its User-Agent; the site and the renewal should
      // see the same ordinary Chrome a person would use.
      args.add("--user-agent=" + UserAgents.desktopChrome(browser));
    }
    if (runningAsRoot) {
      args.add("--no-sandbox");
    }
    args.addAll(extraArgs);
    return args;
  }
}
