package dev.qmcookie.account;

import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.vault.Account;

/**
 * Reads the login an account's browser profile holds. The Selenium capture implements it; a test
 * hands in a fake, so that the fallback's decisions run without a browser.
 */
public interface ProfileReader {
  /** The cookies of a profile and the User-Agent to store with them. */
  record ProfileLogin(CookieSet cookies, String userAgent) {}

  /**
   * Opens the account's existing profile and reads its qq.com cookies.
   *
   * @throws dev.qmcookie.failure.LoginInvalidException when there is no profile or it is not logged
   *     in
   */
  ProfileLogin read(Account account) throws Exception;
}
