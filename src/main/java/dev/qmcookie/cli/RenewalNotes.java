package dev.qmcookie.cli;

import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.failure.FailureText;
import dev.qmcookie.failure.LoginInvalidException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/** Words the steps of a renewal as the one-line notes {@code renew} and the daemon print. */
final class RenewalNotes implements AccountRenewal.Listener {
  private final Consumer<String> notes;

  RenewalNotes(Consumer<String> notes) {
    this.notes = notes;
  }

  /**
   * The renewal of one run: its browser fallback reads profiles with Selenium, one at a time.
   *
   * @param notes receives the notes, one line each
   */
  static AccountRenewal renewal(
      CliContext ctx,
      AccountRenewal.Settings settings,
      OkHttpClient client,
      BrowserOptions browserOptions,
      Consumer<String> notes) {
    return new AccountRenewal(
        settings,
        ctx.clock(),
        ctx::zone,
        ctx.sleeper(),
        client,
        BrowserCapture.reader(browserOptions, ctx.env(), BrowserCapture.DEFAULT_SETTLE),
        new Semaphore(1),
        new RenewalNotes(notes));
  }

  /** {@code " in 2 tries (0.4s)"} for an HTTP renewal; empty for one via the browser. */
  static String how(AccountRenewal.Renewed r) {
    if (r.via() != AccountRenewal.Via.HTTP) {
      return "";
    }
    Duration took = r.took();
    return " in "
        + r.tries()
        + (r.tries() == 1 ? " try" : " tries")
        + String.format(" (%.1fs)", took.toMillis() / 1000.0);
  }

  @Override
  public void tryingProfile(String account, LoginInvalidException httpFailure) {
    notes.accept(account + ": " + httpFailure.getMessage());
    notes.accept(account + ": trying the browser profile instead");
  }

  @Override
  public void historyNotWritten(String account, Exception why) {
    notes.accept(
        account
            + ": renewed and stored, but its history could not be written ("
            + FailureText.describe(why)
            + ")");
  }
}
