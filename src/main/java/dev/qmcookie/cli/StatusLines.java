package dev.qmcookie.cli;

import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.account.Times;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.RenewalSchedule;
import java.io.PrintWriter;

/** An {@link AccountStatus} as {@code status}, {@code import} and {@code capture} print it. */
final class StatusLines {
  private StatusLines() {}

  static void printDetails(AccountStatus s, PrintWriter out, Times times) {
    MusicLogin login = s.login();
    row(out, "account", s.account());
    row(
        out,
        "state",
        s.state().label() + (s.state() == AccountState.FRESH ? "" : " (" + s.advice() + ")"));
    row(out, "uin", login.uin());
    row(
        out,
        "login",
        login.kind().label() + (login.kind() == LoginKind.WECHAT ? " (experimental)" : ""));
    row(out, "music key", Secrets.mask(login.musicKey()));
    row(
        out,
        "key created",
        times.at(s.timeline().createdAt())
            + " ("
            + Durations.format(s.timeline().age(times.now()))
            + " old)");
    row(
        out,
        "key expires",
        times.atWithRelative(s.timeline().expiresAt())
            + (s.timeline().expiryKnown()
                ? ""
                : "; assumed " + RenewalSchedule.ASSUMED_LIFETIME.toHours() + "h lifetime"));
    row(out, "renewal due", times.atWithRelative(s.timeline().dueAt()));
    row(out, "shape", shape(s.record().metadata(), times));
    row(out, "last renewal", s.lastAttempt() == null ? "never" : describe(s.lastAttempt(), times));
    if (s.lastCheck() != null) {
      out.println(
          server(s.lastCheck()) + ", checked " + times.at(s.lastCheck().at()) + olderCookie(s));
    }
  }

  /**
   * {@code server: accepted}, {@code server: refused (code N)} or {@code server: unknown (why)}.
   */
  static String server(ServerCheck check) {
    return "server: "
        + check.describe()
        + (check.result() == ServerCheck.Result.REFUSED ? " (code " + check.code() + ")" : "");
  }

  /** Said after a check of a cookie that a newer one has replaced since. */
  static String olderCookie(AccountStatus s) {
    return s.checkPredatesTheCookie() ? ", of the cookie stored before this one" : "";
  }

  private static String shape(CookieMetadata m, Times times) {
    if (m.shape() == null) {
      return "not known yet (a is sent first)";
    }
    return m.shape()
        + (m.shapeSince() == null ? "" : " (works since " + times.at(m.shapeSince()) + ")");
  }

  static String describe(RenewalAttempt a, Times times) {
    return times.at(a.at())
        + " "
        + a.outcome()
        + (a.code() != 0 ? " (code " + a.code() + ")" : "")
        // The message may quote a server's page, stored by an older qmcookie before it was cleaned.
        + (a.succeeded() ? "" : ": " + MessageText.line(a.message()));
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf("%-13s %s%n", label, value);
  }
}
