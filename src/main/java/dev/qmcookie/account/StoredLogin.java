package dev.qmcookie.account;

import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import java.io.IOException;
import java.util.OptionalLong;

/** How an incoming login compares with the one an account already holds. */
public enum StoredLogin {
  NONE,
  SAME_UIN_NOT_OLDER,
  SAME_UIN_OLDER_KEY,
  OTHER_UIN,
  UNREADABLE;

  public static final String QQ_DOMAIN = "qq.com";

  public static StoredLogin compare(Account account, MusicLogin incoming) throws IOException {
    if (!account.exists()) {
      return NONE;
    }
    MusicLogin current;
    try {
      current = account.load().login();
    } catch (InvalidInputException damaged) {
      return UNREADABLE;
    }
    return compare(current, incoming);
  }

  /** How {@code incoming} compares with {@code current}, a login already read from the account. */
  public static StoredLogin compare(MusicLogin current, MusicLogin incoming) {
    if (!current.uin().equals(incoming.uin())) {
      return OTHER_UIN;
    }
    OptionalLong stored = current.keyCreatedAt();
    OptionalLong fresh = incoming.keyCreatedAt();
    boolean older =
        stored.isPresent() && fresh.isPresent() && fresh.getAsLong() < stored.getAsLong();
    return older ? SAME_UIN_OLDER_KEY : SAME_UIN_NOT_OLDER;
  }

  /**
   * Refuses to replace a working login by mistake: another account's, an older one, or a stored
   * file that cannot be read all need {@code --replace}.
   */
  public static void guard(Account account, MusicLogin incoming) throws IOException {
    switch (compare(account, incoming)) {
      case OTHER_UIN ->
          throw new InvalidInputException(
              "account "
                  + account.name()
                  + " holds uin "
                  + account.load().login().uin()
                  + ", but this cookie is for uin "
                  + incoming.uin()
                  + ": use --account NAME for a second account, or --replace to overwrite");
      case SAME_UIN_OLDER_KEY ->
          throw new InvalidInputException(
              "the stored key of account "
                  + account.name()
                  + " is newer than this cookie's (issued at "
                  + account.load().login().keyCreatedAt().orElse(0)
                  + " vs "
                  + incoming.keyCreatedAt().orElse(0)
                  + "); importing would replace a newer login. Add --replace to import anyway");
      case UNREADABLE ->
          throw new InvalidInputException(
              "the stored cookie of account "
                  + account.name()
                  + " cannot be read; add --replace to overwrite it");
      default -> {}
    }
  }

  /**
   * Stores {@code record} under the account's lock, after {@link #guard} unless {@code replace}.
   */
  public static void save(Account account, CookieRecord record, boolean replace)
      throws IOException {
    try (AccountHold lock = account.lock()) {
      if (!replace) {
        guard(account, record.login());
      }
      account.save(record);
    }
  }

  /**
   * Stores {@code record} under the account's lock after {@link #guard}, except that a stored
   * cookie that still cannot be read, once the lock is held, is replaced: it holds no login to
   * protect. A decision made before the lock could be stale by then.
   */
  public static void saveOverUnreadable(Account account, CookieRecord record) throws IOException {
    try (AccountHold lock = account.lock()) {
      if (compare(account, record.login()) != UNREADABLE) {
        guard(account, record.login());
      }
      account.save(record);
    }
  }

  /** Only the qq.com family: a browser or a cookies.txt also holds other sites' cookies. */
  public static CookieSet qqFamily(CookieSet cookies) {
    return cookies.filter(StoredLogin::isQqFamily);
  }

  private static boolean isQqFamily(Cookie c) {
    String bare = c.bareDomain();
    return bare.equals(QQ_DOMAIN) || bare.endsWith("." + QQ_DOMAIN);
  }
}
