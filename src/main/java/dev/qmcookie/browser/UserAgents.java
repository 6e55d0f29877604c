package dev.qmcookie.browser;

import java.util.Locale;

/** User-Agent strings of an ordinary desktop Chrome, as Chrome itself reduces them. */
public final class UserAgents {
  /**
   * The UA of the browserless QR logins ({@code login --qr} and the daemon's page): an ordinary
   * desktop Chrome. The flow's requests and every later renewal send this one UA, so that the
   * server sees one device.
   */
  public static final String QR_LOGIN = desktopChrome(140);

  private UserAgents() {}

  /** The UA a headed Chrome of this version sends on this operating system. */
  public static String desktopChrome(InstalledProgram browser) {
    return desktopChrome(browser.major().orElse(140));
  }

  /** The UA a headed Chrome of that major version sends on this operating system. */
  public static String desktopChrome(int major) {
    return "Mozilla/5.0 ("
        + platform()
        + ") AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
        + major
        + ".0.0.0 Safari/537.36";
  }

  /** Headless Chrome's own UA, made ordinary. */
  public static String withoutHeadless(String userAgent) {
    return userAgent.replace("HeadlessChrome/", "Chrome/");
  }

  private static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return "Windows NT 10.0; Win64; x64";
    }
    if (os.contains("mac")) {
      return "Macintosh; Intel Mac OS X 10_15_7";
    }
    return "X11; Linux x86_64";
  }
}
