package dev.qmcookie.account;

import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.renew.LoginCheck;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Asks the server whether an account's stored cookie is still logged in, and keeps the answer as
 * the account's last check (unless another host holds a shared account: then it is only returned).
 * The stored cookie is only read: a refusal changes the account's state (see {@link
 * dev.qmcookie.renew.AccountState}), never its cookie. A check without an answer does not replace a
 * refusal of the same cookie.
 */
public final class LiveCheck {
  private final LoginCheck check;
  private final Clock clock;
  private final boolean oneRound;
  // The account whose check got no answer in this round; the rest are not asked.
  private volatile String unanswered;

  public LiveCheck(OkHttpClient client, HttpUrl endpoint, Clock clock) {
    this(new LoginCheck(client, endpoint, clock), clock, false);
  }

  private LiveCheck(LoginCheck check, Clock clock, boolean oneRound) {
    this.check = check;
    this.clock = clock;
    this.oneRound = oneRound;
  }

  /**
   * The same check for one round over many accounts ({@code status --check --all}): once one
   * account's check gets no answer, the others are not asked but kept as unknown. A server that
   * hangs would otherwise cost a whole time limit per account, fifty of them for fifty accounts,
   * and one that answers with a page instead of JSON would be asked again for nothing.
   */
  public LiveCheck oneRound() {
    return new LiveCheck(check, clock, true);
  }

  /**
   * @throws IOException when the cookie cannot be read, or the answer cannot be kept
   * @throws dev.qmcookie.failure.InvalidInputException when the account has no usable cookie
   */
  public ServerCheck run(Account account) throws IOException {
    String silent = unanswered;
    ServerCheck result =
        oneRound && silent != null
            ? ServerCheck.unknown(
                clock.instant(), 0, "not asked: the check of " + silent + " got no answer")
            : check.check(account.load());
    if (oneRound && silent == null && result.result() == ServerCheck.Result.UNKNOWN) {
      unanswered = account.name();
    }
    // The request runs unlocked, as a renewal may hold the lock for long; the answer is written
    // under it. One about a cookie replaced meanwhile is older than that cookie, and so ignored.
    // A shared account held by another host is not waited for (that wait would stall the daemon's
    // only thread for minutes): the holder is renewing it, and the cookie it stores makes this
    // answer old news. The answer is returned, not kept.
    Optional<AccountHold> held =
        account.shared() ? account.lockToRenew() : Optional.of(account.lock());
    if (held.isEmpty()) {
      return result;
    }
    try (AccountHold lock = held.get()) {
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
