package dev.qmcookie.cli;

import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.account.CapturedLogin;
import dev.qmcookie.account.ProfileReader;
import dev.qmcookie.account.StoredLogin;
import dev.qmcookie.account.Times;
import dev.qmcookie.browser.BrowserGoneException;
import dev.qmcookie.browser.BrowserLogin;
import dev.qmcookie.browser.LaunchSpec;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Reads an account's browser profile with Selenium, and stores a browser's login with the same
 * checks as {@code import}, printing what it stored.
 */
final class BrowserCapture implements ProfileReader {
  static final Duration DEFAULT_SETTLE = Duration.ofSeconds(5);

  private final BrowserOptions options;
  private final Map<String, String> env;
  private final Duration settle;

  /**
   * @param settle how long the site's scripts may run before the cookies are read
   */
  BrowserCapture(BrowserOptions options, Map<String, String> env, Duration settle) {
    this.options = options;
    this.env = env;
    this.settle = settle;
  }

  /**
   * Opens the account's existing profile headless, lets the site's scripts run for {@code settle},
   * and reads the qq.com cookies.
   */
  @Override
  public ProfileLogin read(Account account) throws Exception {
    LaunchSpec spec = new BrowserLauncher(options, env).prepare(account, true);
    BrowserLogin.Login login;
    try {
      login = new BrowserLogin(StoredLogin::qqFamily).read(spec, options.url, settle);
    } catch (BrowserGoneException gone) {
      // A crash, or the process stopping under it: nothing was read, and a later try may work.
      throw new TransientFailureException(
          gone.getMessage() + " while the profile was read; the stored cookie was kept, try again",
          0,
          gone);
    }
    return new ProfileLogin(login.cookies(), login.userAgent());
  }

  static CookieRecord store(
      CliContext ctx,
      Account account,
      CookieSet cookies,
      String userAgent,
      String source,
      boolean replace)
      throws IOException {
    Instant now = ctx.clock().instant();
    CookieRecord record = CapturedLogin.store(account, cookies, userAgent, now, source, replace);
    long httpOnly = record.cookies().asList().stream().filter(c -> c.httpOnly()).count();
    ctx.out()
        .printf(
            "captured %d qq.com cookies (%d HttpOnly) into account %s: uin %s, %s login%n",
            record.cookies().size(),
            httpOnly,
            account.name(),
            record.login().uin(),
            record.login().kind().label());
    StatusLines.printDetails(
        AccountStatus.of(account.name(), record, null, RenewalSchedule.defaults(), now),
        ctx.out(),
        new Times(ctx::zone, now));
    return record;
  }
}
