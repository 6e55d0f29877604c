package dev.qmcookie.schedule;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.time.Clock;
import java.util.Optional;

/** What the daemon's {@code --listen} endpoint serves: statuses and cookies from the vault. */
public final class AccountsApi implements ApiServer.Backend {
  private final Vault vault;
  private final RenewalSchedule schedule;
  private final Clock clock;

  public AccountsApi(Vault vault, RenewalSchedule schedule, Clock clock) {
    this.vault = vault;
    this.schedule = schedule;
    this.clock = clock;
  }

  @Override
  public String accountsJson() throws Exception {
    ArrayNode array = JsonTrees.array();
    for (Account account : vault.accounts()) {
      try {
        AccountStatus.read(account, schedule, clock.instant())
            .toJson(array.addObject(), clock.instant());
      } catch (InvalidInputException unreadable) {
        array
            .addObject()
            .put("account", account.name())
            .put("error", "the stored cookie cannot be read");
      }
    }
    return JsonTrees.pretty(array);
  }

  @Override
  public Optional<String> cookie(String name, CookieFormat format) throws Exception {
    Account account;
    try {
      account = vault.account(name);
    } catch (InvalidInputException badName) {
      return Optional.empty();
    }
    if (!account.exists()) {
      return Optional.empty();
    }
    return Optional.of(
        CookieFormats.write(format, account.load(), account.lastAttempt().orElse(null)));
  }
}
