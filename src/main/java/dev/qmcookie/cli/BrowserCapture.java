package dev.qmcookie.cli;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.time.Instant;

/** Stores cookies read from a browser, with the same checks as {@code import}. */
final class BrowserCapture {
  private BrowserCapture() {}

  static CookieRecord record(CookieSet browserCookies, String userAgent, Instant now, String source) {
    CookieSet qq = StoredLogin.qqFamily(browserCookies);
    MusicLogin.of(qq).requireRenewable();
    CookieMetadata meta = CookieMetadata.NONE.withImport(now, source).withUserAgent(userAgent);
    return new CookieRecord(qq, meta);
  }

  static void store(
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
        .printDetails(ctx.out(), new Times(ctx.zone(), now));
  }
}
