package dev.qmcookie.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.KeyTimeline;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * One account's state, read from the vault, as {@code status}, {@code import}, {@code renew} and
 * the daemon see it.
 */
public record AccountStatus(
    String account,
    CookieRecord record,
    KeyTimeline timeline,
    AccountState state,
    RenewalAttempt lastAttempt,
    ServerCheck lastCheck) {

  public static AccountStatus read(Account account, RenewalSchedule schedule, Instant now)
      throws IOException {
    CookieRecord record = account.load();
    return of(
        account.name(),
        record,
        account.lastAttempt().orElse(null),
        account.lastCheck().orElse(null),
        schedule,
        now);
  }

  public static AccountStatus of(
      String account,
      CookieRecord record,
      RenewalAttempt last,
      RenewalSchedule schedule,
      Instant now) {
    return of(account, record, last, null, schedule, now);
  }

  /**
   * @param lastCheck the last live check with the server, or null
   */
  public static AccountStatus of(
      String account,
      CookieRecord record,
      RenewalAttempt last,
      ServerCheck lastCheck,
      RenewalSchedule schedule,
      Instant now) {
    KeyTimeline timeline = schedule.timeline(record, now);
    String refreshKey = record.metadata().refreshKey();
    AccountState state =
        AccountState.of(
            timeline,
            now,
            last,
            storedAt(record.metadata()),
            refreshKey != null && !refreshKey.isBlank(),
            lastCheck);
    return new AccountStatus(account, record, timeline, state, last, lastCheck);
  }

  /**
   * True when the last live check asked about an older cookie than the one stored now: what the
   * server said then no longer describes it.
   */
  public boolean checkPredatesTheCookie() {
    Instant storedAt = storedAt(record.metadata());
    return lastCheck != null && storedAt != null && storedAt.isAfter(lastCheck.at());
  }

  /** When the stored cookie was last written by an import or a renewal. */
  public static Instant storedAt(CookieMetadata m) {
    if (m.renewedAt() == null) {
      return m.importedAt();
    }
    return m.importedAt() == null || m.renewedAt().isAfter(m.importedAt())
        ? m.renewedAt()
        : m.importedAt();
  }

  public MusicLogin login() {
    return record.login();
  }

  /** What the user should do in this state, as one phrase; empty when nothing is to be done. */
  public String advice() {
    switch (state) {
      case DUE:
        return "renew now: qmcookie renew";
      case EXPIRED:
        return "log in again and import the new cookie";
      case EXPIRED_RENEWABLE:
        return "the refresh key may still renew it: qmcookie renew";
      case NEEDS_LOGIN:
        return "the server refused the login: log in again and import the new cookie";
      case NEEDS_VERIFICATION:
        return "the server wants a security verification: open y.qq.com in the browser that"
            + " logged in (qmcookie login --account "
            + account
            + ") and complete the check"
            + (lastAttempt.feedbackUrl() == null
                ? ""
                : ", or open \"" + MessageText.clean(lastAttempt.feedbackUrl()) + "\"");
      case ACCOUNT_PROBLEM:
        return "the server reported a problem with the account (code "
            + lastAttempt.code()
            + "): see the last renewal below, settle it in the QQ Music app, then log in again";
      case DEVICE_LIMIT:
        return "the account reached its device limit: the cookie was kept, try again in an hour";
      case TOO_FREQUENT:
        return "the server found renewals too frequent: the cookie was kept, try again later";
      default:
        return "";
    }
  }

  /** The status as the daemon's endpoint and {@code status --json} give it; the key masked. */
  public ObjectNode toJson(ObjectNode n, Instant now) {
    n.put("account", account);
    n.put("state", state.id());
    n.put("uin", login().uin());
    n.put("loginKind", login().kind().id());
    n.put("musicKey", Secrets.mask(login().musicKey()));
    n.put("keyCreatedAt", timeline.createdAt().toString());
    n.put("keyAgeSeconds", timeline.age(now).getSeconds());
    n.put("expiresAt", timeline.expiresAt().toString());
    n.put("expiresInSeconds", Duration.between(now, timeline.expiresAt()).getSeconds());
    n.put("expiryKnown", timeline.expiryKnown());
    n.put("renewalDueAt", timeline.dueAt().toString());
    n.put("renewalDueInSeconds", Duration.between(now, timeline.dueAt()).getSeconds());
    CookieMetadata m = record.metadata();
    n.put("importedAt", m.importedAt() == null ? null : m.importedAt().toString());
    n.put("renewedAt", m.renewedAt() == null ? null : m.renewedAt().toString());
    n.put("shape", m.shape());
    n.put("shapeSince", m.shapeSince() == null ? null : m.shapeSince().toString());
    n.put("userAgentKnown", m.userAgent() != null && !m.userAgent().isBlank());
    n.put("cookieCount", record.cookies().size());
    if (lastAttempt == null) {
      n.putNull("lastRenewal");
    } else {
      lastAttempt.writeTo(n.putObject("lastRenewal"));
    }
    if (lastCheck == null) {
      n.putNull("serverCheck");
    } else {
      lastCheck.writeTo(n.putObject("serverCheck"));
    }
    return n;
  }
}
