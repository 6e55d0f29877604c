package dev.qmcookie.account;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieRules;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** A login read from a browser, held to the same checks as {@code import} before it is stored. */
public final class CapturedLogin {
  private CapturedLogin() {}

  /**
   * Reads the account's browser profile through {@code reader}, with the User-Agent of the stored
   * cookie if it has one.
   *
   * @throws LoginInvalidException when the account has no profile yet, or it is not logged in
   */
  public static ProfileReader.ProfileLogin readProfile(ProfileReader reader, Account account)
      throws Exception {
    CookieRecord stored;
    try {
      stored = account.exists() ? account.load() : null;
    } catch (IOException | RuntimeException unreadable) {
      // A damaged cookie file has no User-Agent worth keeping.
      stored = null;
    }
    return readProfile(reader, account, stored);
  }

  /**
   * Like {@link #readProfile(ProfileReader, Account)}, given the stored cookie already read under
   * the account's lock (or null when there is none).
   */
  public static ProfileReader.ProfileLogin readProfile(
      ProfileReader reader, Account account, CookieRecord stored) throws Exception {
    if (!account.hasBrowserProfile()) {
      throw new LoginInvalidException(
          "account " + account.name() + " has no browser profile yet: run qmcookie login first", 0);
    }
    ProfileReader.ProfileLogin read = reader.read(account);
    if (!MusicLogin.of(read.cookies()).isComplete()) {
      throw new LoginInvalidException(
          "the browser profile of account "
              + account.name()
              + " is not logged in (no uin and music key): run qmcookie login",
          0);
    }
    // The headed login's User-Agent is the truest one; keep it across headless captures.
    String storedAgent = stored == null ? null : stored.metadata().userAgent();
    if (storedAgent != null && !storedAgent.isBlank()) {
      return new ProfileReader.ProfileLogin(read.cookies(), storedAgent);
    }
    return read;
  }

  /** True when the captured login is newer than the stored one and may replace it. */
  public static boolean isNewer(Account account, ProfileReader.ProfileLogin captured)
      throws IOException {
    return StoredLogin.compare(account, MusicLogin.of(captured.cookies()))
        != StoredLogin.SAME_UIN_OLDER_KEY;
  }

  /** Like {@link #isNewer(Account, ProfileReader.ProfileLogin)}, against a cookie already read. */
  public static boolean isNewer(CookieRecord stored, ProfileReader.ProfileLogin captured) {
    return StoredLogin.compare(stored.login(), MusicLogin.of(captured.cookies()))
        != StoredLogin.SAME_UIN_OLDER_KEY;
  }

  /**
   * The qq.com cookies of a browser as a record to store.
   *
   * @throws InvalidInputException when a cookie cannot be stored safely or the login is not
   *     renewable
   */
  public static CookieRecord record(
      CookieSet browserCookies, String userAgent, Instant now, String source) {
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
        userAgent == null || CookieRules.unsendableCharacter(userAgent, false) != null
            ? null
            : userAgent;
    CookieMetadata meta = CookieMetadata.NONE.withImport(now, source).withUserAgent(sendable);
    return new CookieRecord(qq, meta);
  }
}
