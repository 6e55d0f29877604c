package dev.qmcookie.account;

import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.renew.LoginCheck;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountLock;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Asks the server whether an account's stored cookie is still logged in, and keeps the answer as
 * the account's last check. The stored cookie is only read: a refusal changes the account's state
 * (see {@link dev.qmcookie.renew.AccountState}), never its cookie. A check without an answer does
 * not replace a refusal of the same cookie.
 */
public final class LiveCheck {
  private final LoginCheck check;

  public LiveCheck(OkHttpClient client, HttpUrl endpoint, Clock clock) {
    this.check = new LoginCheck(client, endpoint, clock);
  }

  /**
   * @throws IOException when the cookie cannot be read, or the answer cannot be kept
   * @throws dev.qmcookie.failure.InvalidInputException when the account has no usable cookie
   */
  public ServerCheck run(Account account) throws IOException {
    ServerCheck result = check.check(account.load());
    // The request runs unlocked, as a renewal may hold the lock for long; the answer is written
    // under it. One about a cookie replaced meanwhile is older than that cookie, and so ignored.
    try (AccountLock lock = account.lock()) {
      if (!keepsARefusal(account, result)) {
        account.recordCheck(result);
      }
    }
    return result;
  }

  // No answer says nothing about the login: it must not wipe out the server's refusal of the same
  // cookie, which would turn a needs-login account fresh again (and its exit code 0) whenever the
  // network is down. A newer cookie, or a real answer, replaces the refusal as before.
  private static boolean keepsARefusal(Account account, ServerCheck result) throws IOException {
    if (result.result() != ServerCheck.Result.UNKNOWN) {
      return false;
    }
    Optional<ServerCheck> last = account.lastCheck();
    if (last.isEmpty() || !last.get().refused()) {
      return false;
    }
    Instant storedAt = AccountStatus.storedAt(account.load().metadata());
    return storedAt == null || !storedAt.isAfter(last.get().at());
  }
}
