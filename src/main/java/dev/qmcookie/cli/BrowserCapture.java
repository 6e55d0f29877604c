package dev.qmcookie.cli;

import dev.qmcookie.browser.BrowserSession;
import dev.qmcookie.browser.InstalledProgram;
import dev.qmcookie.browser.LaunchSpec;
import dev.qmcookie.browser.LoginWatcher;
import dev.qmcookie.browser.UserAgents;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieRules;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reads cookies from an account's browser and stores them with the same checks as {@code import}. */
final class BrowserCapture {
  static final Duration DEFAULT_SETTLE = Duration.ofSeconds(5);

  /** The cookies of a profile and the User-Agent to store with them. */
  record Captured(CookieSet cookies, String userAgent) {}

  private BrowserCapture() {}

  static boolean hasProfile(Account account) {
    return Files.isDirectory(BrowserLauncher.profileOf(account));
  }

  /**
   * Opens the account's existing profile headless, lets the site's scripts run for {@code settle},
   * and reads the qq.com cookies.
   *
   * @throws LoginInvalidException when there is no profile or it is not logged in
   */
  static Captured fromProfile(CliContext ctx, Account account, BrowserOptions options, Duration settle)
      throws Exception {
    if (!hasProfile(account)) {
      throw new LoginInvalidException(
          "account " + account.name() + " has no browser profile yet: run qmcookie login first", 0);
    }
    LaunchSpec spec = new BrowserLauncher(options, ctx.env()).prepare(account, true);
    CookieSet cookies;
    try (BrowserSession session = BrowserSession.launch(spec)) {
      session.open(options.url);
      Thread.sleep(settle.toMillis());
      cookies = StoredLogin.qqFamily(session.cookies());
    }
    if (!LoginWatcher.isLoggedIn(cookies)) {
      throw new LoginInvalidException(
          "the browser profile of account " + account.name()
              + " is not logged in (no uin and music key): run qmcookie login", 0);
    }
    return new Captured(cookies, userAgentFor(account, spec.browser()));
  }

  /** True when the captured login is newer than the stored one and may replace it. */
  static boolean isNewer(Account account, Captured captured) throws IOException {
    return StoredLogin.compare(account, MusicLogin.of(captured.cookies())) != StoredLogin.SAME_UIN_OLDER_KEY;
  }

  static CookieRecord record(CookieSet browserCookies, String userAgent, Instant now, String source) {
    CookieSet qq = StoredLogin.qqFamily(browserCookies);
    // The page's scripts set cookies too, so they are held to the rules an import is.
    List<String> unsafe = CookieRules.problems(qq);
    if (!unsafe.isEmpty()) {
      throw new InvalidInputException(
          "the browser holds qq.com cookies that cannot be stored safely; clear them in the profile"
              + " and log in again",
          unsafe);
    }
    MusicLogin.of(qq).requireRenewable(now);
    // The page can redefine navigator.userAgent; one that cannot be sent as a header is dropped,
    // and renewal then sends its default.
    String sendable =
        userAgent == null || CookieRules.unsendableCharacter(userAgent, false) != null ? null : userAgent;
    CookieMetadata meta = CookieMetadata.NONE.withImport(now, source).withUserAgent(sendable);
    return new CookieRecord(qq, meta);
  }

  static CookieRecord store(
      CliContext ctx, Account account, CookieSet cookies, String userAgent, String source, boolean replace)
      throws IOException {
    Instant now = ctx.clock().instant();
    CookieRecord record = record(cookies, userAgent, now, source);
    StoredLogin.save(account, record, replace);
    long httpOnly = record.cookies().asList().stream().filter(c -> c.httpOnly()).count();
    ctx.out()
        .printf(
            "captured %d qq.com cookies (%d HttpOnly) into account %s: uin %s, %s login%n",
            record.cookies().size(),
            httpOnly,
            account.name(),
            record.login().uin(),
            record.login().kind().label());
    AccountStatus.of(account.name(), record, null, RenewalSchedule.defaults(), now)
        .printDetails(ctx.out(), new Times(ctx::zone, now));
    return record;
  }

  // The headed login's User-Agent is the truest one; keep it across headless captures.
  private static String userAgentFor(Account account, InstalledProgram browser) {
    try {
      String stored = account.exists() ? account.load().metadata().userAgent() : null;
      if (stored != null && !stored.isBlank()) {
        return stored;
      }
    } catch (IOException | RuntimeException unreadable) {
      // A damaged cookie file has no User-Agent worth keeping.
    }
    return UserAgents.desktopChrome(browser);
  }
}
