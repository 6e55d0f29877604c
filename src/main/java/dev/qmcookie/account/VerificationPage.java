package dev.qmcookie.account;

import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.renew.FeedbackLink;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.util.Optional;

/**
 * The page where the server asked the account's owner to pass a security check, for {@code login}
 * to open instead of the start page.
 */
public final class VerificationPage {
  private VerificationPage() {}

  /**
   * The server's {@code feedbackURL} while the account needs verification and the link is an https
   * page on qq.com; empty otherwise, also once a newer cookie was stored.
   */
  public static Optional<String> of(Account account) throws IOException {
    Optional<RenewalAttempt> last = account.lastAttempt();
    if (last.isEmpty()
        || last.get().verdict().orElse(null) != Verdict.NEEDS_VERIFICATION
        || !FeedbackLink.openable(last.get().feedbackUrl())) {
      return Optional.empty();
    }
    if (account.exists()) {
      var storedAt = AccountStatus.storedAt(account.load().metadata());
      if (storedAt != null && storedAt.isAfter(last.get().at())) {
        return Optional.empty();
      }
    }
    return Optional.of(last.get().feedbackUrl());
  }
}
