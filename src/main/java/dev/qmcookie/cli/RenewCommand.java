package dev.qmcookie.cli;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.RenewalRequests;
import dev.qmcookie.renew.RenewalResult;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.renew.Renewer;
import dev.qmcookie.renew.RetryPolicy;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountLock;
import dev.qmcookie.vault.Vault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    description = {
      "Renews the music key of each account that is due, before it expires.",
      "An account is due once its key is 20h old (see --renew-after), or 4h before it expires.",
      "Accounts that are not due are left alone. A failed renewal never changes the stored",
      "cookie. When the server refuses the login and the account has a browser profile (see",
      "login), the profile is tried instead, unless --no-browser-fallback."
    })
final class RenewCommand implements Callable<Integer> {
  /** Which path renews the cookie. */
  enum Via {
    HTTP,
    BROWSER;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final String ENDPOINT_ENV = "QMCOOKIE_ENDPOINT";

  @ParentCommand QmcookieCommand parent;
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--force", description = "Renew even when not due, expired or marked needs-login.")
  boolean force;

  @Option(names = "--all", description = "Renew every account in the home that is due.")
  boolean all;

  @Option(
      names = "--via",
      paramLabel = "http|browser",
      description = "http (default): the renewal call, falling back to the browser profile when the"
          + " login is refused; browser: read a fresh login from the account's browser profile.")
  Via via = Via.HTTP;

  @Option(
      names = "--no-browser-fallback",
      description = "When HTTP renewal is refused, do not try the account's browser profile.")
  boolean noBrowserFallback;

  @Mixin BrowserOptions browserOptions;

  @Option(names = "--dry-run", description = "Print the request, secrets masked, and send nothing.")
  boolean dryRun;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      converter = HttpUrlConverter.class,
      description = "Renewal endpoint (default: $QMCOOKIE_ENDPOINT, else " + RenewalRequests.DEFAULT_ENDPOINT + ").")
  HttpUrl endpoint;

  @Mixin ScheduleOptions scheduleOptions;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Time limit of each try, like 8s or 500ms (default: 8s); 3 tries at most.")
  Duration timeout = HttpClients.DEFAULT_TIMEOUT;

  private OkHttpClient client;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    if (timeout.isZero() || timeout.isNegative()) {
      // OkHttp reads 0 as "no limit", which would let a dead server hang a cron job forever.
      throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be more than 0");
    }
    Vault vault = common.vault(ctx.env());
    RenewalSchedule schedule = scheduleOptions.schedule();
    HttpUrl url = resolveEndpoint(ctx);
    List<Account> accounts = all ? vault.accounts() : List.of(vault.account(common.account));
    if (accounts.isEmpty()) {
      throw new InvalidInputException(
          "no accounts under " + vault.home().toAbsolutePath() + ": import a cookie first (qmcookie import)");
    }
    int worst = ExitCodes.OK;
    try {
      for (Account account : accounts) {
        try {
          renewOne(ctx, account, schedule, url);
        } catch (Exception e) {
          worst = ExitCodes.worst(worst, Failures.report(ctx.err(), e, account.name() + ": ", common.verbose));
        }
      }
    } finally {
      if (client != null) {
        // Lets the JVM exit at once instead of waiting for idle pool threads.
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    }
    return worst;
  }

  private void renewOne(CliContext ctx, Account account, RenewalSchedule schedule, HttpUrl url) throws Exception {
    try (AccountLock lock = account.lock()) {
      // Read under the lock: a renewer that waited here sees the cookie the other one just stored.
      Times times = new Times(ctx.zone(), ctx.clock().instant());
      AccountStatus status = AccountStatus.read(account, schedule, times.now());
      CookieRecord record = status.record();
      if (via == Via.BROWSER) {
        renewViaBrowser(ctx, account, schedule, null);
        return;
      }
      try {
        if (!force && !mayRenew(ctx, status, times)) {
          return;
        }
      } catch (LoginInvalidException httpCannotHelp) {
        renewViaBrowserOrThrow(ctx, account, schedule, httpCannotHelp);
        return;
      }
      if (dryRun) {
        ctx.out().print(RenewalRequests.describe(url, record));
        ctx.out().println(account.name() + ": dry run, nothing was sent");
        return;
      }
      Renewer renewer = new Renewer(client(ctx), url, RetryPolicy.DEFAULT, ctx.sleeper(), ctx.clock());
      Instant started = ctx.clock().instant();
      RenewalResult result = renewer.renew(record);
      if (result.succeeded()) {
        account.save(result.renewed());
      }
      account.recordAttempt(attempt(result, started));
      if (result.failure() instanceof LoginInvalidException refused) {
        renewViaBrowserOrThrow(ctx, account, schedule, refused);
        return;
      }
      if (!result.succeeded()) {
        throw result.failure();
      }
      printRenewed(ctx, account, result.renewed(), schedule, times,
          "via http in " + result.tries() + (result.tries() == 1 ? " try" : " tries")
              + String.format(" (%.1fs)", result.took().toMillis() / 1000.0));
    }
  }

  // When only a new login can help, the account's browser profile may still hold one.
  private void renewViaBrowserOrThrow(
      CliContext ctx, Account account, RenewalSchedule schedule, LoginInvalidException httpFailure)
      throws Exception {
    if (noBrowserFallback || !BrowserCapture.hasProfile(account)) {
      throw httpFailure;
    }
    ctx.err().println("qmcookie: " + account.name() + ": " + httpFailure.getMessage());
    ctx.err().println("qmcookie: " + account.name() + ": trying the browser profile instead");
    renewViaBrowser(ctx, account, schedule, httpFailure);
  }

  private void renewViaBrowser(
      CliContext ctx, Account account, RenewalSchedule schedule, LoginInvalidException httpFailure)
      throws Exception {
    Instant started = ctx.clock().instant();
    if (dryRun) {
      ctx.out().println(account.name() + ": dry run, would read the login from the browser profile");
      return;
    }
    try {
      BrowserCapture.Captured captured =
          BrowserCapture.fromProfile(ctx, account, browserOptions, BrowserCapture.DEFAULT_SETTLE);
      CookieRecord record =
          BrowserCapture.record(captured.cookies(), captured.userAgent(), ctx.clock().instant(), "renew:browser");
      Instant now = ctx.clock().instant();
      if (!BrowserCapture.isNewer(account, captured)
          || AccountStatus.of(account.name(), record, null, schedule, now).state().needsHuman()) {
        throw new LoginInvalidException(
            "the browser profile holds no newer working login either: run qmcookie login", 0);
      }
      account.save(record);
      account.recordAttempt(browserAttempt(started, ctx, RenewalAttempt.RENEWED, 0, "renewed"));
      printRenewed(ctx, account, record, schedule, new Times(ctx.zone(), now), "via browser");
    } catch (LoginInvalidException e) {
      account.recordAttempt(browserAttempt(started, ctx, RenewalAttempt.LOGIN_INVALID, e.code(), e.getMessage()));
      throw e;
    }
  }

  private static RenewalAttempt browserAttempt(Instant started, CliContext ctx, String outcome, int code, String message) {
    long millis = java.time.Duration.between(started, ctx.clock().instant()).toMillis();
    return new RenewalAttempt(started, outcome, code, millis, 1, "browser", message);
  }

  private static void printRenewed(
      CliContext ctx, Account account, CookieRecord renewed, RenewalSchedule schedule, Times times, String how) {
    AccountStatus after = AccountStatus.of(account.name(), renewed, null, schedule, ctx.clock().instant());
    ctx.out()
        .printf(
            "%s: renewed %s; new key %s, next renewal due %s%n",
            account.name(),
            how,
            Secrets.mask(after.login().musicKey()),
            times.at(after.timeline().dueAt()));
  }

  // Says why an account is skipped, or throws when only a new login can help.
  private boolean mayRenew(CliContext ctx, AccountStatus status, Times times) {
    AccountState state = status.state();
    if (state == AccountState.FRESH) {
      ctx.out()
          .println(
              status.account()
                  + ": not due (fresh); renewal due "
                  + times.atWithRelative(status.timeline().dueAt()));
      return false;
    }
    if (state == AccountState.EXPIRED) {
      throw new LoginInvalidException(
          "the music key expired "
              + times.relative(status.timeline().expiresAt())
              + ", so renewal can no longer help: log in again and import the new cookie"
              + " (or --force to try anyway)",
          0);
    }
    if (state == AccountState.NEEDS_LOGIN) {
      throw new LoginInvalidException(
          "the server refused this login at "
              + times.at(status.lastAttempt().at())
              + " (code "
              + status.lastAttempt().code()
              + "): log in again and import the new cookie (or --force to try anyway)",
          status.lastAttempt().code());
    }
    return true;
  }

  private static RenewalAttempt attempt(RenewalResult result, Instant started) {
    String outcome;
    if (result.succeeded()) {
      outcome = RenewalAttempt.RENEWED;
    } else if (result.failure() instanceof LoginInvalidException) {
      outcome = RenewalAttempt.LOGIN_INVALID;
    } else {
      outcome = "transient";
    }
    return new RenewalAttempt(
        started,
        outcome,
        result.code(),
        result.took().toMillis(),
        result.tries(),
        "http",
        result.succeeded() ? "renewed" : result.failure().getMessage());
  }

  private HttpUrl resolveEndpoint(CliContext ctx) {
    if (endpoint != null) {
      return endpoint;
    }
    String fromEnv = ctx.env().get(ENDPOINT_ENV);
    if (fromEnv == null || fromEnv.isBlank()) {
      return HttpUrl.get(RenewalRequests.DEFAULT_ENDPOINT);
    }
    HttpUrl url = HttpUrl.parse(fromEnv.trim());
    if (url == null) {
      throw new InvalidInputException(
          "$" + ENDPOINT_ENV + " is not an http:// or https:// URL: \"" + fromEnv + "\"");
    }
    return url;
  }

  private OkHttpClient client(CliContext ctx) {
    if (client == null) {
      client = HttpClients.create(ctx.env(), timeout);
    }
    return client;
  }
}
