package dev.qmcookie.cli;

import dev.qmcookie.account.CapturedLogin;
import dev.qmcookie.account.NewLogin;
import dev.qmcookie.account.ProfileReader;
import dev.qmcookie.account.Times;
import dev.qmcookie.capture.ProfileCapture;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The profile reader of the browser options ({@link ProfileCapture}), and the storing of a
 * browser's login with the same checks as {@code import}, printing what it stored and what the
 * server said of it.
 */
final class BrowserCapture {
  static final Duration DEFAULT_SETTLE = ProfileCapture.DEFAULT_SETTLE;

  private BrowserCapture() {}

  /** Reads an account's browser profile with the browser these options and environment choose. */
  static ProfileReader reader(BrowserOptions options, Map<String, String> env, Duration settle) {
    return new ProfileCapture(BrowserLauncher.settings(options, env), options.url, settle);
  }

  static void store(
      CliContext ctx,
      CheckAfterStore check,
      Account account,
      CookieSet cookies,
      String userAgent,
      String source,
      boolean replace)
      throws IOException {
    Instant now = ctx.clock().instant();
    store(ctx, check, account, CapturedLogin.record(cookies, userAgent, now, source), replace);
  }

  /** Stores a finished login's record, with its own metadata, as {@link #store} does. */
  static void store(
      CliContext ctx, CheckAfterStore check, Account account, CookieRecord login, boolean replace)
      throws IOException {
    Instant now = ctx.clock().instant();
    NewLogin.Stored stored = check.newLogin(ctx).store(account, login, replace, now);
    CookieRecord record = stored.record();
    long httpOnly = record.cookies().asList().stream().filter(c -> c.httpOnly()).count();
    ctx.out()
        .printf(
            "captured %d qq.com cookies (%d HttpOnly) into account %s: uin %s, %s login%n",
            record.cookies().size(),
            httpOnly,
            account.name(),
            record.login().uin(),
            record.login().kind().label());
    StatusLines.printDetails(stored.status(), ctx.out(), new Times(ctx::zone, now));
    CheckAfterStore.show(ctx, stored);
  }
}
