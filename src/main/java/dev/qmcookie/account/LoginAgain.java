package dev.qmcookie.account;

import dev.qmcookie.qrlogin.QqQrLogin;
import dev.qmcookie.qrlogin.WeChatQrLogin;
import dev.qmcookie.vault.Account;

/**
 * The command that logs an account in again, the way it last came in: a login by QR code is best
 * redone by QR code, since a machine without a browser cannot run the browser login.
 */
public final class LoginAgain {
  private LoginAgain() {}

  /** The command line for {@code account}, whose login came in from {@code source}. */
  public static String command(String account, String source) {
    String how =
        QqQrLogin.SOURCE.equals(source)
            ? "--qr "
            : WeChatQrLogin.SOURCE.equals(source) ? "--qr --wechat " : "";
    return "qmcookie login " + how + "--account " + account;
  }

  /** As {@link #command(String, String)}, with the source read from the stored cookie. */
  public static String command(Account account) {
    String source;
    try {
      source = account.load().metadata().source();
    } catch (Exception e) {
      // Unreadable or gone: the browser login is the general answer.
      source = null;
    }
    return command(account.name(), source);
  }
}
