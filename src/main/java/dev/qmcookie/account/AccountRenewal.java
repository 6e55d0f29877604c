package dev.qmcookie.account;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.RenewalNotSavedException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.AnswerCodes;
import dev.qmcookie.renew.Backoff;
import dev.qmcookie.renew.RenewalRequests;
import dev.qmcookie.renew.RenewalResult;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.renew.RenewalShape;
import dev.qmcookie.renew.Renewer;
import dev.qmcookie.renew.ShapeChoice;
import dev.qmcookie.renew.Sleeper;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import dev.qmcookie.vault.SaveSlot;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Renews one account the way {@code renew} and the daemon both do: under the account's lock, from
 * the cookie as it is on disk then, by HTTP or the browser profile, recording every attempt. A
 * failure is thrown and leaves the stored cookie as it was.
 */
public final class AccountRenewal {
  // Every refusal that stops renewal before a request names the way past it.
  private static final String TRY_ANYWAY = " (or --force to try anyway)";

  /** How long after a renewal through a shared store {@code --force} leaves the account alone. */
  public static final Duration FLEET_FORCE_GAP = Duration.ofMinutes(5);

  /** Which path renews the cookie. */
  public enum Via {
    HTTP,
    BROWSER;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * How to renew; the same for every account of one run.
   *
   * @param browserFallback whether a refused login may be replaced by the one in the account's
   *     browser profile
   * @param shape which renewal request shape to send
   */
  public record Settings(
      RenewalSchedule schedule,
      HttpUrl endpoint,
      boolean force,
      boolean dryRun,
      Via via,
      boolean browserFallback,
      ShapeChoice shape) {

    /** Settings that choose the request shape automatically. */
    public Settings(
        RenewalSchedule schedule,
        HttpUrl endpoint,
        boolean force,
        boolean dryRun,
        Via via,
        boolean browserFallback) {
      this(schedule, endpoint, force, dryRun, via, browserFallback, ShapeChoice.AUTO);
    }
  }

  /** What happened to an account that did not fail. */
  public sealed interface Report permits NotDue, DryRun, Renewed, Skipped {
    String account();
  }

  /**
   * An account another renewer of a shared store holds or has just renewed: renewing it again would
   * send a key the other's answer may already have retired.
   *
   * @param why one line, such as "another host is renewing it (host-b:4121)"
   * @param retryAt when to look again, when the other holder may have died; null when the other
   *     renewal has landed
   */
  public record Skipped(String account, String why, Instant retryAt) implements Report {}

  public record NotDue(String account, Instant dueAt) implements Report {}

  /**
   * @param request the request that would have been sent, secrets masked
   */
  public record DryRun(String account, String request) implements Report {}

  /**
   * @param tries the HTTP requests sent; 0 via the browser
   * @param took how long the HTTP renewal took; zero via the browser
   */
  public record Renewed(
      String account, Via via, int tries, Duration took, CookieRecord record, Instant dueAt)
      implements Report {}

  /** Hears of the steps of a renewal that do not end it, for a log or the terminal. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** HTTP cannot renew the login, so the account's browser profile is tried next. */
    default void tryingProfile(String account, LoginInvalidException httpFailure) {}

    /** The renewed cookie is stored, but the account's history could not be written. */
    default void historyNotWritten(String account, Exception why) {}
  }

  private final Settings settings;
  private final Clock clock;
  private final Supplier<ZoneId> zone;
  private final Sleeper sleeper;
  private final OkHttpClient client;
  private final ProfileReader profiles;
  private final Semaphore browserTurn;
  private final Listener listener;

  /**
   * @param zone the zone times in messages are shown in, asked only when one is shown
   * @param browserTurn taken while a profile is read: a browser per account at once would swamp a
   *     small machine, so every renewal of one process shares one
   */
  public AccountRenewal(
      Settings settings,
      Clock clock,
      Supplier<ZoneId> zone,
      Sleeper sleeper,
      OkHttpClient client,
      ProfileReader profiles,
      Semaphore browserTurn,
      Listener listener) {
    this.settings = settings;
    this.clock = clock;
    this.zone = zone;
    this.sleeper = sleeper;
    this.client = client;
    this.profiles = profiles;
    this.browserTurn = browserTurn;
    this.listener = listener;
  }

  /**
   * Renews the account if it is due (always with {@code force}).
   *
   * @throws LoginInvalidException when only a new login can help
   * @throws dev.qmcookie.failure.TransientFailureException when a passing fault outlasted the
   *     retries
   */
  public Report renew(Account account) throws Exception {
    return renew(account, settings.force());
  }

  /**
   * As {@link #renew(Account)}, with {@code force} in place of the settings' own: the daemon renews
   * at once when its live check is refused while the key should still be valid.
   */
  public Report renew(Account account, boolean force) throws Exception {
    Optional<AccountHold> held = account.lockToRenew();
    if (held.isEmpty()) {
      return new Skipped(
          account.name(),
          "another host is renewing it (" + account.holder() + ")",
          clock.instant().plus(account.holdLimit()));
    }
    try (AccountHold lock = held.get()) {
      // Read under the lock: a renewer that waited here sees the cookie the other one just stored.
      Instant now = clock.instant();
      AccountStatus status = AccountStatus.read(account, settings.schedule(), now);
      if (settings.via() == Via.BROWSER) {
        return viaBrowser(account, status.record());
      }
      Optional<Instant> justRenewed = renewedByTheFleet(account, status, now);
      if (force && justRenewed.isPresent()) {
        return new Skipped(
            account.name(),
            "it was renewed "
                + new Times(zone, now).relative(justRenewed.get())
                + " through the shared store, and a second renewal so soon could lose the login",
            null);
      }
      if (!force) {
        if (status.state() == AccountState.FRESH) {
          return new NotDue(account.name(), status.timeline().dueAt());
        }
        if (status.state().needsHuman()) {
          return viaBrowserOrThrow(
              account, status.record(), httpCannotHelp(status, new Times(zone, now)));
        }
      }
      if (settings.dryRun()) {
        CookieRecord stored = status.record();
        RenewalShape first = settings.shape().first(stored.metadata().shape());
        return new DryRun(
            account.name(), RenewalRequests.describe(settings.endpoint(), stored, first));
      }
      Renewer renewer =
          new Renewer(
              client, settings.endpoint(), Backoff.RENEWAL, sleeper, clock, settings.shape());
      RenewalResult result;
      // The answer retires the old key: no request goes out before its save is known to work.
      try (SaveSlot pending = prepareSave(account)) {
        Instant started = clock.instant();
        result = named(renewer.renew(status.record()), account.name());
        if (!result.succeeded()) {
          account.recordAttempt(httpAttempt(result, started));
        } else {
          saveOrPutAside(account, pending, result, started);
        }
      }
      if (result.failure() instanceof LoginInvalidException refused) {
        // A refused answer stores nothing: the cookie read above is still the stored one.
        return viaBrowserOrThrow(account, status.record(), refused);
      }
      if (!result.succeeded()) {
        throw result.failure();
      }
      return renewed(account, Via.HTTP, result.tries(), result.took(), result.renewed());
    }
  }

  // In a shared store, --force on several hosts at once must still renew each account once: a
  // renewal that landed moments ago is the one they asked for.
  private static Optional<Instant> renewedByTheFleet(
      Account account, AccountStatus status, Instant now) {
    RenewalAttempt last = status.lastAttempt();
    if (!account.shared()
        || last == null
        || !RenewalAttempt.RENEWED.equals(last.outcome())
        || last.at().isBefore(now.minus(FLEET_FORCE_GAP))) {
      return Optional.empty();
    }
    return Optional.of(last.at());
  }

  private static SaveSlot prepareSave(Account account) throws IOException {
    try {
      return account.prepareSave();
    } catch (IOException e) {
      throw new IOException(
          "cannot prepare to store a renewed cookie in "
              + account.dir()
              + " ("
              + e.getMessage()
              + "), so no renewal was sent and the stored cookie is unchanged; make room there and run again",
          e);
    }
  }

  private void saveOrPutAside(
      Account account, SaveSlot pending, RenewalResult result, Instant started) {
    try {
      pending.commit(result.renewed());
    } catch (IOException | RuntimeException notSaved) {
      RenewalNotSavedException failure =
          UnsavedRenewal.putAside(account, pending, result.renewed(), notSaved);
      // Fenced out, the last attempt is the newer writer's: recorded over it, this host's
      // not-saved would show on every host's status and hide that renewal from the --force gap.
      if (!UnsavedRenewal.fenced(notSaved)) {
        recordQuietly(
            account, httpAttempt(result, started, RenewalAttempt.NOT_SAVED, failure.getMessage()));
      }
      throw failure;
    }
    // The new cookie is stored: a history that cannot be written must not make that a failure.
    Exception historyFailure = recordQuietly(account, httpAttempt(result, started));
    if (historyFailure != null) {
      listener.historyNotWritten(account.name(), historyFailure);
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

  // The advice to open the account's browser names the account, which renew/ does not know.
  private static RenewalResult named(RenewalResult result, String account) {
    if (!(result.failure() instanceof LoginInvalidException f)
        || f.verdict() != Verdict.NEEDS_VERIFICATION) {
      return result;
    }
    String login = "(" + AnswerCodes.LOGIN_COMMAND;
    LoginInvalidException withAccount =
        new LoginInvalidException(
            f.getMessage().replace(login + ")", login + " --account " + account + ")"),
            f.code(),
            f.verdict(),
            f.feedbackUrl());
    return new RenewalResult(
        result.renewed(), withAccount, result.code(), result.tries(), result.took());
  }

  private LoginInvalidException httpCannotHelp(AccountStatus status, Times times) {
    RenewalAttempt last = status.lastAttempt();
    if (status.state() == AccountState.NEEDS_VERIFICATION
        || status.state() == AccountState.ACCOUNT_PROBLEM) {
      // The recorded message already says what to do.
      return new LoginInvalidException(
          "renewals stopped at " + times.at(last.at()) + ": " + last.message() + TRY_ANYWAY,
          last.code(),
          last.verdict().orElse(Verdict.NEEDS_LOGIN),
          last.feedbackUrl());
    }
    if (status.state() == AccountState.EXPIRED) {
      return new LoginInvalidException(
          "the music key expired "
              + times.relative(status.timeline().expiresAt())
              + ", so renewal can no longer help: log in again and import the new cookie"
              + TRY_ANYWAY,
          0);
    }
    ServerCheck check = status.lastCheck();
    if (check != null
        && check.refused()
        && (last == null || !last.loginInvalid() || check.at().isAfter(last.at()))) {
      return refusedAt("the live check of " + times.at(check.at()), check.code());
    }
    return refusedAt(times.at(last.at()), last.code());
  }

  private static LoginInvalidException refusedAt(String when, int code) {
    return new LoginInvalidException(
        "the server refused this login at "
            + when
            + " (code "
            + code
            + "): log in again and import the new cookie"
            + TRY_ANYWAY,
        code);
  }

  // When only a new login can help, the account's browser profile may still hold one.
  // A security check or an account problem needs its owner, not another read of the profile.
  private Report viaBrowserOrThrow(
      Account account, CookieRecord stored, LoginInvalidException httpFailure) throws Exception {
    if (!settings.browserFallback()
        || !account.hasBrowserProfile()
        || httpFailure.verdict() != Verdict.NEEDS_LOGIN) {
      throw httpFailure;
    }
    listener.tryingProfile(account.name(), httpFailure);
    return viaBrowser(account, stored);
  }

  // The cookie as read under this lock is passed on rather than read again.
  private Report viaBrowser(Account account, CookieRecord stored) throws Exception {
    if (settings.dryRun()) {
      return new DryRun(account.name(), "would read the login from the browser profile\n");
    }
    Instant started = clock.instant();
    browserTurn.acquire();
    try {
      ProfileReader.ProfileLogin captured = CapturedLogin.readProfile(profiles, account, stored);
      Instant now = clock.instant();
      CookieRecord record =
          CapturedLogin.record(captured.cookies(), captured.userAgent(), now, "renew:browser");
      if (!CapturedLogin.isNewer(stored, captured)
          || AccountStatus.of(account.name(), record, null, settings.schedule(), now)
              .state()
              .needsHuman()) {
        throw new LoginInvalidException(
            "the browser profile holds no newer working login either: run qmcookie login", 0);
      }
      account.save(record);
      account.recordAttempt(browserAttempt(started, RenewalAttempt.RENEWED, 0, "renewed"));
      return renewed(account, Via.BROWSER, 0, Duration.ZERO, record);
    } catch (LoginInvalidException e) {
      account.recordAttempt(
          browserAttempt(started, RenewalAttempt.LOGIN_INVALID, e.code(), e.getMessage()));
      throw e;
    } finally {
      browserTurn.release();
    }
  }

  private Renewed renewed(Account account, Via via, int tries, Duration took, CookieRecord record) {
    Instant dueAt = settings.schedule().timeline(record).dueAt();
    return new Renewed(account.name(), via, tries, took, record, dueAt);
  }

  private RenewalAttempt browserAttempt(Instant started, String outcome, int code, String message) {
    long millis = Duration.between(started, clock.instant()).toMillis();
    return new RenewalAttempt(started, outcome, code, millis, 1, "browser", message);
  }

  private static RenewalAttempt httpAttempt(
      RenewalResult result, Instant started, String outcome, String message) {
    return httpAttempt(result, started, outcome, message, null);
  }

  private static RenewalAttempt httpAttempt(
      RenewalResult result, Instant started, String outcome, String message, String feedbackUrl) {
    return new RenewalAttempt(
        started,
        outcome,
        result.code(),
        result.took().toMillis(),
        result.tries(),
        "http",
        message,
        feedbackUrl,
        result.shapeIds());
  }

  private static RenewalAttempt httpAttempt(RenewalResult result, Instant started) {
    String outcome = RenewalAttempt.RENEWED;
    String feedbackUrl = null;
    if (result.failure() instanceof LoginInvalidException f) {
      outcome = RenewalAttempt.outcomeOf(f.verdict());
      feedbackUrl = f.feedbackUrl();
    } else if (result.failure() instanceof TransientFailureException f) {
      outcome = RenewalAttempt.outcomeOf(f.verdict());
    } else if (!result.succeeded()) {
      outcome = RenewalAttempt.TRANSIENT;
    }
    String message = result.succeeded() ? "renewed" : result.failure().getMessage();
    return httpAttempt(result, started, outcome, message, feedbackUrl);
  }
}
