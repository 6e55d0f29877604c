package dev.qmcookie.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.KeyTimeline;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** One account's state, read from the vault, as {@code status}, {@code import} and {@code renew} show it. */
record AccountStatus(
    String account, CookieRecord record, KeyTimeline timeline, AccountState state, RenewalAttempt lastAttempt) {

  static AccountStatus read(Account account, RenewalSchedule schedule, Instant now) throws IOException {
    CookieRecord record = account.load();
    return of(account.name(), record, account.lastAttempt().orElse(null), schedule, now);
  }

  static AccountStatus of(
      String account, CookieRecord record, RenewalAttempt last, RenewalSchedule schedule, Instant now) {
    KeyTimeline timeline = schedule.timeline(record, now);
    AccountState state = AccountState.of(timeline, now, last, storedAt(record.metadata()));
    return new AccountStatus(account, record, timeline, state, last);
  }

  /** When the stored cookie was last written by an import or a renewal. */
  static Instant storedAt(CookieMetadata m) {
    if (m.renewedAt() == null) {
      return m.importedAt();
    }
    return m.importedAt() == null || m.renewedAt().isAfter(m.importedAt()) ? m.renewedAt() : m.importedAt();
  }

  MusicLogin login() {
    return record.login();
  }

  /** What the user should do, for the state line. */
  String advice() {
    switch (state) {
      case DUE:
        return "renew now: qmcookie renew";
      case EXPIRED:
        return "log in again and import the new cookie";
      case NEEDS_LOGIN:
        return "the server refused the login: log in again and import the new cookie";
      default:
        return "";
    }
  }

  void printDetails(PrintWriter out, Times times) {
    row(out, "account", account);
    row(out, "state", state.id() + (state == AccountState.FRESH ? "" : " (" + advice() + ")"));
    row(out, "uin", login().uin());
    row(out, "login", login().kind().label() + (login().kind() == LoginKind.WECHAT ? " (experimental)" : ""));
    row(out, "music key", Secrets.mask(login().musicKey()));
    row(out, "key created", times.at(timeline.createdAt()) + " (" + Durations.format(timeline.age(times.now())) + " old)");
    row(
        out,
        "key expires",
        times.atWithRelative(timeline.expiresAt())
            + (timeline.expiryKnown()
                ? ""
                : "; assumed " + RenewalSchedule.ASSUMED_LIFETIME.toHours() + "h lifetime"));
    row(out, "renewal due", times.atWithRelative(timeline.dueAt()));
    row(out, "last renewal", lastAttempt == null ? "never" : describe(lastAttempt, times));
  }

  static String describe(RenewalAttempt a, Times times) {
    return times.at(a.at())
        + " "
        + a.outcome()
        + (a.code() != 0 ? " (code " + a.code() + ")" : "")
        // The message may quote a server's page, stored by an older qmcookie before it was cleaned.
        + (a.succeeded() ? "" : ": " + MessageText.line(a.message()));
  }

  ObjectNode toJson(ObjectNode n, Instant now) {
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
    n.put("userAgentKnown", m.userAgent() != null && !m.userAgent().isBlank());
    n.put("cookieCount", record.cookies().size());
    if (lastAttempt == null) {
      n.putNull("lastRenewal");
    } else {
      ObjectNode last = n.putObject("lastRenewal");
      last.put("at", lastAttempt.at().toString());
      last.put("outcome", lastAttempt.outcome());
      last.put("code", lastAttempt.code());
      last.put("tries", lastAttempt.tries());
      last.put("durationMs", lastAttempt.durationMillis());
      last.put("via", lastAttempt.via());
      last.put("message", lastAttempt.message());
    }
    return n;
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf("%-13s %s%n", label, value);
  }
}
