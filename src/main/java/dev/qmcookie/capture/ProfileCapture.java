package dev.qmcookie.capture;

import dev.qmcookie.account.ProfileReader;
import dev.qmcookie.account.StoredLogin;
import dev.qmcookie.browser.BrowserGoneException;
import dev.qmcookie.browser.BrowserLogin;
import dev.qmcookie.browser.LaunchSettings;
import dev.qmcookie.browser.LaunchSpec;
import dev.qmcookie.browser.Launcher;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.FilePermissions;
import java.io.IOException;
import java.time.Duration;

/** Reads an account's browser profile headless with Selenium. */
public final class ProfileCapture implements ProfileReader {
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(5);

  private final LaunchSettings settings;
  private final String url;
  private final Duration settle;

  /**
   * @param url the start page
   * @param settle how long the site's scripts may run before the cookies are read
   */
  public ProfileCapture(LaunchSettings settings, String url, Duration settle) {
    this.settings = settings;
    this.url = url;
    this.settle = settle;
  }

  /**
   * Opens the account's existing profile headless, lets the site's scripts run for {@code settle},
   * and reads the qq.com cookies.
   */
  @Override
  public ProfileLogin read(Account account) throws Exception {
    LaunchSpec spec = prepare(new Launcher(settings), account, true);
    BrowserLogin.Login login;
    try {
      login = new BrowserLogin(StoredLogin::qqFamily).read(spec, url, settle);
    } catch (BrowserGoneException gone) {
      // A crash, or the process stopping under it: nothing was read, and a later try may work.
      throw new TransientFailureException(
          gone.getMessage() + " while the profile was read; the stored cookie was kept, try again",
          0,
          gone);
    }
    return new ProfileLogin(login.cookies(), login.userAgent());
  }

  /** The launch of the account's profile, with its folder made first, owner-only. */
  public static LaunchSpec prepare(Launcher launcher, Account account, boolean headless)
      throws IOException {
    return launcher.prepare(
        account.browserProfile(),
        headless,
        profile -> {
          account.createFolders();
          FilePermissions.createPrivateDirectory(profile);
        });
  }
}
