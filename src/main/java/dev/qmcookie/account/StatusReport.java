package dev.qmcookie.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The status of several accounts, each first checked with the server when asked.
 *
 * @param statuses of the accounts that did not fail, in their order
 * @param failures the accounts whose status could not be read, or checked, and why
 */
public record StatusReport(List<AccountStatus> statuses, List<Failure> failures) {
  /** An account that failed, and why. */
  public record Failure(Account account, Exception why) {}

  /**
   * @param check asks the server first, keeping the answer as the account's last check; null to
   *     only read
   * @param keepGoing whether a failed account is kept in {@link #failures}, so that one unreadable
   *     account does not hide the state of the others, rather than thrown
   */
  public static StatusReport of(
      List<Account> accounts,
      RenewalSchedule schedule,
      Instant now,
      LiveCheck check,
      boolean keepGoing)
      throws Exception {
    List<AccountStatus> statuses = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (Account account : accounts) {
      try {
        if (check != null) {
          check.run(account);
        }
        statuses.add(AccountStatus.read(account, schedule, now));
      } catch (Exception e) {
        if (!keepGoing) {
          throw e;
        }
        failures.add(new Failure(account, e));
      }
    }
    return new StatusReport(statuses, failures);
  }

  /**
   * The statuses as {@code status --json} gives them: a list, or the one account's object.
   *
   * @param asList whether to give a list, even of one account
   */
  public JsonNode toJson(boolean asList, Instant now) {
    if (!asList) {
      return statuses.get(0).toJson(JsonTrees.object(), now);
    }
    ArrayNode array = JsonTrees.array();
    statuses.forEach(s -> s.toJson(array.addObject(), now));
    return array;
  }
}
