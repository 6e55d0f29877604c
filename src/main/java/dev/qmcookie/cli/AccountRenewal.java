package dev.qmcookie.cli;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.RenewalNotSavedException;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.Backoff;
import dev.qmcookie.renew.RenewalRequests;
import dev.qmcookie.renew.RenewalResult;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.renew.Renewer;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountLock;
import dev.qmcookie.vault.PendingSave;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Renews one account the way {@code renew} and the daemon both do: under the account's lock, from
 * the cookie as it is on disk then, by HTTP or the browser profile, recording every attempt. A
 * failure is thrown and leaves the stored cookie as it was.
 */
final class AccountRenewal {
  /** Which path renews the cookie. */
  enum Via {
    HTTP,
    BROWSER;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How to renew; the same for every account of one run. */
  record Settings(
      RenewalSchedule schedule,
      HttpUrl endpoint,
      boolean force,
      boolean dryRun,
      Via via,
      boolean browserFallback,
      BrowserOptions browserOptions) {}

  /** What happened to an account that did not fail. */
  sealed interface Report permits NotDue, DryRun, Renewed {
    String account();
  }

  record NotDue(String account, Instant dueAt) implements Report {}

  record DryRun(String account, String request) implements Report {}

  /**
   * @param how "via http in 2 tries (0.4s)" or "via browser"
   */
  record Renewed(String account, String via, String how, CookieRecord record, Instant dueAt) implements Report {}

  // A browser per account at once would swamp a small machine; fallbacks take turns.
  private static final Semaphore BROWSER_TURN = new Semaphore(1);

  private final CliContext ctx;
  private final Settings settings;
  private final OkHttpClient client;
  private final Consumer<String> notes;

  /**
   * @param notes receives one-line progress notes, such as the switch to the browser profile
   */
  AccountRenewal(CliContext ctx, Settings settings, OkHttpClient client, Consumer<String> notes) {
    this.ctx = ctx;
    this.settings = settings;
    this.client = client;
    this.notes = notes;
  }

  Report renew(Account account) throws Exception {
    try (AccountLock lock = account.lock()) {
      // Read under the lock: a renewer that waited here sees the cookie the other one just stored.
      Instant now = ctx.clock().instant();
      AccountStatus status = AccountStatus.read(account, settings.schedule(), now);
      if (settings.via() == Via.BROWSER) {
        return viaBrowser(account);
      }
      if (!settings.force()) {
        if (status.state() == AccountState.FRESH) {
          return new NotDue(account.name(), status.timeline().dueAt());
        }
        if (status.state().needsHuman()) {
          return viaBrowserOrThrow(account, httpCannotHelp(status, new Times(ctx::zone, now)));
        }
      }
      if (settings.dryRun()) {
        return new DryRun(account.name(), RenewalRequests.describe(settings.endpoint(), status.record()));
      }
      Renewer renewer = new Renewer(client, settings.endpoint(), Backoff.RENEWAL, ctx.sleeper(), ctx.clock());
      RenewalResult result;
      // The answer retires the old key: no request goes out before its save is known to work.
      try (PendingSave pending = prepareSave(account)) {
        Instant started = ctx.clock().instant();
        result = renewer.renew(status.record());
        if (!result.succeeded()) {
          account.recordAttempt(httpAttempt(result, started));
        } else {
          saveOrPutAside(account, pending, result, started);
        }
      }
      if (result.failure() instanceof LoginInvalidException refused) {
        return viaBrowserOrThrow(account, refused);
      }
      if (!result.succeeded()) {
        throw result.failure();
      }
      String how =
          "in " + result.tries() + (result.tries() == 1 ? " try" : " tries")
              + String.format(" (%.1fs)", result.took().toMillis() / 1000.0);
      return renewed(account, "http", how, result.renewed());
    }
  }

  private static PendingSave prepareSave(Account account) throws IOException {
    try {
      return account.prepareSave();
    } catch (IOException e) {
      throw new IOException(
          "cannot prepare to store a renewed cookie in " + account.dir() + " (" + e.getMessage()
              + "), so no renewal was sent and the stored cookie is unchanged; make room there and run again",
          e);
    }
  }

  private void saveOrPutAside(Account account, PendingSave pending, RenewalResult result, Instant started) {
    try {
      pending.commit(result.renewed());
    } catch (IOException | RuntimeException notSaved) {
      RenewalNotSavedException failure = UnsavedRenewal.putAside(account, pending, result.renewed(), notSaved);
      recordQuietly(account, httpAttempt(result, started, RenewalAttempt.NOT_SAVED, failure.getMessage()));
      throw failure;
    }
    // The new cookie is stored: a history that cannot be written must not make that a failure.
    Exception historyFailure = recordQuietly(account, httpAttempt(result, started));
    if (historyFailure != null) {
      notes.accept(
          account.name() + ": renewed and stored, but its history could not be written ("
              + Failures.describe(historyFailure) + ")");
    }
  }

  /** Records the attempt if it can; returns why it could not, or null. */
  private static Exception recordQuietly(Account account, RenewalAttempt attempt) {
    try {
      account.recordAttempt(attempt);
      return null;
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  private LoginInvalidException httpCannotHelp(AccountStatus status, Times times) {
    if (status.state() == AccountState.EXPIRED) {
      return new LoginInvalidException(
          "the music key expired " + times.relative(status.timeline().expiresAt())
              + ", so renewal can no longer help: log in again and import the new cookie (or --force to try anyway)",
          0);
    }
    return new LoginInvalidException(
        "the server refused this login at " + times.at(status.lastAttempt().at()) + " (code "
            + status.lastAttempt().code() + "): log in again and import the new cookie (or --force to try anyway)",
        status.lastAttempt().code());
  }

  // When only a new login can help, the account's browser profile may still hold one.
  private Report viaBrowserOrThrow(Account account, LoginInvalidException httpFailure) throws Exception {
    if (!settings.browserFallback() || !BrowserCapture.hasProfile(account)) {
      throw httpFailure;
    }
    notes.accept(account.name() + ": " + httpFailure.getMessage());
    notes.accept(account.name() + ": trying the browser profile instead");
    return viaBrowser(account);
  }

  private Report viaBrowser(Account account) throws Exception {
    if (settings.dryRun()) {
      return new DryRun(account.name(), "would read the login from the browser profile\n");
    }
    Instant started = ctx.clock().instant();
    BROWSER_TURN.acquire();
    try {
      BrowserCapture.Captured captured =
          BrowserCapture.fromProfile(ctx, account, settings.browserOptions(), BrowserCapture.DEFAULT_SETTLE);
      Instant now = ctx.clock().instant();
      CookieRecord record = BrowserCapture.record(captured.cookies(), captured.userAgent(), now, "renew:browser");
      if (!BrowserCapture.isNewer(account, captured)
          || AccountStatus.of(account.name(), record, null, settings.schedule(), now).state().needsHuman()) {
        throw new LoginInvalidException("the browser profile holds no newer working login either: run qmcookie login", 0);
      }
      account.save(record);
      account.recordAttempt(browserAttempt(started, RenewalAttempt.RENEWED, 0, "renewed"));
      return renewed(account, "browser", "", record);
    } catch (LoginInvalidException e) {
      account.recordAttempt(browserAttempt(started, RenewalAttempt.LOGIN_INVALID, e.code(), e.getMessage()));
      throw e;
    } finally {
      BROWSER_TURN.release();
    }
  }

  private Renewed renewed(Account account, String via, String how, CookieRecord record) {
    Instant dueAt = settings.schedule().timeline(record).dueAt();
    return new Renewed(account.name(), via, how, record, dueAt);
  }

  private RenewalAttempt browserAttempt(Instant started, String outcome, int code, String message) {
    long millis = Duration.between(started, ctx.clock().instant()).toMillis();
    return new RenewalAttempt(started, outcome, code, millis, 1, "browser", message);
  }

  private static RenewalAttempt httpAttempt(RenewalResult result, Instant started, String outcome, String message) {
    return new RenewalAttempt(
        started, outcome, result.code(), result.took().toMillis(), result.tries(), "http", message);
  }

  private static RenewalAttempt httpAttempt(RenewalResult result, Instant started) {
    String outcome;
    if (result.succeeded()) {
      outcome = RenewalAttempt.RENEWED;
    } else if (result.failure() instanceof LoginInvalidException) {
      outcome = RenewalAttempt.LOGIN_INVALID;
    } else {
      outcome = RenewalAttempt.TRANSIENT;
    }
    return new RenewalAttempt(
        started, outcome, result.code(), result.took().toMillis(), result.tries(), "http",
        result.succeeded() ? "renewed" : result.failure().getMessage());
  }
}
