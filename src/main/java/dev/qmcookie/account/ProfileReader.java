package dev.qmcookie.account;

import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.vault.Account;

/**
 * Reads the login an account's browser profile holds. The Selenium capture implements it; a test
 * hands in a fake, so that the fallback's decisions run without a browser.
 */
public interface ProfileReader {
  /**
   * The cookies of a profile and the User-Agent to store with them.
   *
   * @param userAgent the browser's; {@link CapturedLogin#readProfile} puts a stored one in its
   *     place
   */
  record ProfileLogin(CookieSet cookies, String userAgent) {}

  /**
   * Opens the account's existing profile and reads its qq.com cookies, logged in or not; see {@link
   * CapturedLogin#readProfile}, which checks that there is a profile and a login.
   */
  ProfileLogin read(Account account) throws Exception;
}
