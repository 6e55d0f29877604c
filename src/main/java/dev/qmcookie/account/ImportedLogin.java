package dev.qmcookie.account;

import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieRules;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.cookie.ParsedCookies;
import dev.qmcookie.failure.InvalidInputException;
import java.time.Instant;

/**
 * A pasted or exported cookie as a login to store with {@link StoredLogin#save}: only its qq.com
 * cookies, and only when they hold a renewable login.
 *
 * @param format the format the text was in
 * @param ignored how many cookies of other sites were left out
 */
public record ImportedLogin(CookieRecord record, CookieFormat format, int ignored) {
  /**
   * @param userAgent the browser's navigator.userAgent, to send at renewal; null or blank for none
   * @throws dev.qmcookie.failure.InvalidInputException when the text is no cookie format, or holds
   *     no renewable login
   */
  public static ImportedLogin of(String text, String userAgent, Instant now) {
    ParsedCookies parsed = CookieFormats.read(text);
    CookieRecord incoming = parsed.record();
    CookieSet qqOnly = StoredLogin.qqFamily(incoming.cookies());
    MusicLogin.of(qqOnly).requireRenewable(now);
    CookieMetadata meta = incoming.metadata().withImport(now, "import:" + parsed.format().id());
    if (userAgent != null && !userAgent.isBlank()) {
      meta = meta.withUserAgent(userAgent.trim());
    }
    return new ImportedLogin(
        new CookieRecord(qqOnly, meta), parsed.format(), incoming.cookies().size() - qqOnly.size());
  }

  /**
   * Refuses a User-Agent that cannot be sent: renewal sends it as the User-Agent header, where a
   * line break would add a header of its own, and any other control character, or one outside
   * ASCII, makes the request fail at every renewal.
   *
   * @param userAgent the value of {@code --user-agent}, or null
   * @throws InvalidInputException naming the bad character
   */
  public static void checkUserAgent(String userAgent) {
    String bad = userAgent == null ? null : CookieRules.unsendableCharacter(userAgent, false);
    if (bad != null) {
      throw new InvalidInputException(
          "--user-agent contains " + bad + "; give the browser's navigator.userAgent as one line");
    }
  }

  public MusicLogin login() {
    return record.login();
  }
}
