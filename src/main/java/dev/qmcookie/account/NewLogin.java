package dev.qmcookie.account;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.time.Instant;

/**
 * Stores the login that {@code import}, {@code login} or {@code capture} brought in, then asks the
 * server whether it is logged in. The login is stored either way: a refusal or no answer is for the
 * user to see, never a failure, so that an import on a machine without network still works.
 */
public final class NewLogin {
  /**
   * What was stored, and what the server said of it.
   *
   * @param status the account as stored, before the check
   * @param check the server's answer, or null when it was not asked or could not be
   * @param checkFailure why the server could not be asked, or null
   */
  public record Stored(
      CookieRecord record, AccountStatus status, ServerCheck check, Exception checkFailure) {
    public boolean checked() {
      return check != null || checkFailure != null;
    }
  }

  /** Asks the server about an account's stored login, as {@link LiveCheck#run} does. */
  public interface Check {
    ServerCheck run(Account account) throws Exception;
  }

  private final Check check;

  /**
   * @param check asks the server once the login is stored; null to store without asking
   */
  public NewLogin(Check check) {
    this.check = check;
  }

  /**
   * Stores {@code record} as {@link StoredLogin#save} does, then checks it.
   *
   * @throws IOException when the login cannot be stored
   * @throws dev.qmcookie.failure.InvalidInputException when the guard refuses it
   */
  public Stored store(Account account, CookieRecord record, boolean replace, Instant now)
      throws IOException {
    StoredLogin.save(account, record, replace);
    return checked(account, record, now);
  }

  /**
   * Stores {@code record} as {@link StoredLogin#saveOverUnreadable} does, then checks it.
   *
   * @throws IOException when the login cannot be stored
   * @throws dev.qmcookie.failure.InvalidInputException when the guard refuses it
   */
  public Stored storeOverUnreadable(Account account, CookieRecord record, Instant now)
      throws IOException {
    StoredLogin.saveOverUnreadable(account, record);
    return checked(account, record, now);
  }

  private Stored checked(Account account, CookieRecord record, Instant now) {
    AccountStatus status =
        AccountStatus.of(account.name(), record, null, RenewalSchedule.defaults(), now);
    if (check == null) {
      return new Stored(record, status, null, null);
    }
    try {
      return new Stored(record, status, check.run(account), null);
    } catch (Exception e) {
      return new Stored(record, status, null, e);
    }
  }
}
