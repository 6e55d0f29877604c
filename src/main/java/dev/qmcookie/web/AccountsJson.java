package dev.qmcookie.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.account.Times;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The page's JSON about the accounts: a row per account and one account's last week of attempts.
 * The uin is masked and no cookie value, key or token is ever written: a row is built field by
 * field, never from the stored record as a whole.
 */
public final class AccountsJson {
  /** How far back the chart goes. */
  public static final Duration HISTORY = Duration.ofDays(7);

  // A week of attempts retried every minute is ~10000; the chart needs far fewer to draw.
  static final int MOST_ATTEMPTS = 2000;

  private static final String DAMAGED = "damaged";

  private final Vault vault;
  private final RenewalSchedule schedule;
  private final Clock clock;

  public AccountsJson(Vault vault, RenewalSchedule schedule, Clock clock) {
    this.vault = vault;
    this.schedule = schedule;
    this.clock = clock;
  }

  /** Whether an account may have that name (it need not exist yet). */
  public boolean allowedName(String name) {
    try {
      vault.account(name);
      return true;
    } catch (InvalidInputException badName) {
      return false;
    }
  }

  /** The stored account of that name; empty for a name not allowed or without a cookie. */
  public Optional<Account> find(String name) throws IOException {
    Account account;
    try {
      account = vault.account(name);
    } catch (InvalidInputException badName) {
      return Optional.empty();
    }
    return account.exists() ? Optional.of(account) : Optional.empty();
  }

  /** {@code {"generatedAt", "accounts": [...]}}. */
  public String accounts() throws IOException {
    Instant now = clock.instant();
    ObjectNode root = JsonTrees.object();
    root.put("generatedAt", now.toString());
    ArrayNode rows = root.putArray("accounts");
    for (Account account : vault.accounts()) {
      ObjectNode row = rows.addObject();
      try {
        write(row, AccountStatus.read(account, schedule, now), now);
      } catch (InvalidInputException unreadable) {
        writeDamaged(row, account.name());
      }
    }
    return JsonTrees.compact(root);
  }

  /** The account's attempts of the last {@link #HISTORY}, oldest first; empty for no account. */
  public Optional<String> history(String name) throws IOException {
    Optional<Account> found = find(name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Account account = found.get();
    Instant now = clock.instant();
    Instant from = now.minus(HISTORY);
    ObjectNode root = JsonTrees.object();
    Instant keyCreatedAt;
    try {
      keyCreatedAt = schedule.timeline(account.load(), now).createdAt();
    } catch (InvalidInputException unreadable) {
      keyCreatedAt = null;
    }
    putTime(root, "keyCreatedAt", keyCreatedAt);
    root.put("from", from.toString());
    root.put("to", now.toString());
    ArrayNode attempts = root.putArray("attempts");
    for (RenewalAttempt attempt : account.attemptsSince(from, MOST_ATTEMPTS)) {
      attempts
          .addObject()
          .put("at", attempt.at().toString())
          .put("outcome", attempt.outcome())
          .put("via", attempt.via());
    }
    return Optional.of(JsonTrees.compact(root));
  }

  private void write(ObjectNode row, AccountStatus status, Instant now) {
    CookieRecord record = status.record();
    AccountState state = status.state();
    row.put("name", status.account());
    row.put("uin", Secrets.mask(status.login().uin()));
    row.put("login", status.login().kind().id());
    row.put("state", state.id());
    row.put("severity", severity(state));
    row.put("reason", reason(status, now));
    putTime(row, "keyCreatedAt", status.timeline().createdAt());
    row.put("keyAge", Times.duration(status.timeline().age(now)));
    putTime(row, "expiresAt", status.timeline().expiresAt());
    putTime(row, "nextRenewal", state.needsHuman() ? null : status.timeline().dueAt());
    RenewalAttempt last = status.lastAttempt();
    if (last == null) {
      row.putNull("lastAttempt");
    } else {
      row.putObject("lastAttempt")
          .put("at", last.at().toString())
          .put("outcome", last.outcome())
          .put("message", oneLine(Secrets.hide(last.message(), record)));
    }
    ServerCheck check = status.lastCheck();
    if (check == null) {
      row.putNull("lastCheck");
    } else {
      row.putObject("lastCheck")
          .put("at", check.at().toString())
          .put("result", check.result().id())
          .put("code", check.code());
    }
    row.put("canLogIn", state == AccountState.NEEDS_LOGIN || state == AccountState.EXPIRED);
  }

  private static void writeDamaged(ObjectNode row, String name) {
    row.put("name", name);
    row.put("uin", "");
    row.put("login", "");
    row.put("state", DAMAGED);
    row.put("severity", "bad");
    row.put("reason", "the stored cookie cannot be read: log in again");
    row.putNull("keyCreatedAt");
    row.putNull("keyAge");
    row.putNull("expiresAt");
    row.putNull("nextRenewal");
    row.putNull("lastAttempt");
    row.putNull("lastCheck");
    row.put("canLogIn", true);
  }

  static String severity(AccountState state) {
    return switch (state) {
      case FRESH -> "ok";
      case DUE, EXPIRED_RENEWABLE, DEVICE_LIMIT, TOO_FREQUENT -> "warn";
      case EXPIRED, NEEDS_LOGIN, NEEDS_VERIFICATION, ACCOUNT_PROBLEM -> "bad";
    };
  }

  private static String reason(AccountStatus status, Instant now) {
    String advice = status.advice();
    if (!advice.isEmpty()) {
      return oneLine(advice);
    }
    return "the key is valid for "
        + Times.duration(Duration.between(now, status.timeline().expiresAt()));
  }

  private static String oneLine(String text) {
    return MessageText.line(text == null ? "" : text);
  }

  private static void putTime(ObjectNode node, String field, Instant time) {
    if (time == null) {
      node.putNull(field);
    } else {
      node.put(field, time.toString());
    }
  }
}
