package dev.qmcookie.cli;

import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.account.RenewAll;
import dev.qmcookie.account.Times;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

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
  @ParentCommand QmcookieCommand parent;
  @Mixin CommonOptions common;

  @Option(
      names = "--force",
      description =
          "Renew even when not due, expired, or marked needs-login, needs-verification or"
              + " account-problem.")
  boolean force;

  @Option(names = "--all", description = "Renew every account in the home that is due.")
  boolean all;

  @Option(
      names = "--via",
      paramLabel = "http|browser",
      description =
          "http (default): the renewal call, falling back to the browser profile when the"
              + " login is refused; browser: read a fresh login from the account's browser profile.")
  AccountRenewal.Via via = AccountRenewal.Via.HTTP;

  @Option(
      names = "--no-browser-fallback",
      description = "When HTTP renewal is refused, do not try the account's browser profile.")
  boolean noBrowserFallback;

  @Mixin BrowserOptions browserOptions;

  @Option(names = "--dry-run", description = "Print the request, secrets masked, and send nothing.")
  boolean dryRun;

  @Mixin EndpointOptions endpointOptions;

  @Mixin RouteOption route;

  @Mixin ShapeOptions shapeOptions;

  @Mixin ScheduleOptions scheduleOptions;

  // Enough to keep a thousand accounts within seconds, few enough to stay polite to the server.
  static final int PARALLEL_RENEWALS = 16;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    Vault vault = common.vault();
    HttpUrl url = endpointOptions.url(ctx.env());
    List<Account> accounts = all ? vault.accounts() : List.of(vault.account(common.account));
    if (accounts.isEmpty() && vault.store().isPresent()) {
      throw new InvalidInputException(StoreOptions.emptyStore(vault.store().get()));
    }
    if (accounts.isEmpty()) {
      throw new InvalidInputException(
          "no accounts under "
              + vault.home().toAbsolutePath()
              + ": import a cookie first (qmcookie import)");
    }
    AccountRenewal.Settings settings =
        new AccountRenewal.Settings(
            scheduleOptions.schedule(),
            url,
            force,
            dryRun,
            via,
            !noBrowserFallback,
            shapeOptions.shape);
    OkHttpClient client = endpointOptions.client(ctx.env(), PARALLEL_RENEWALS, route.route(ctx));
    AccountRenewal renewal =
        RenewalNotes.renewal(
            ctx, settings, client, browserOptions, note -> ctx.err().println("qmcookie: " + note));
    try {
      int worst = ExitCodes.OK;
      for (RenewAll.Result r :
          RenewAll.run(renewal, accounts, PARALLEL_RENEWALS, r -> show(ctx, r))) {
        worst =
            ExitCodes.worst(worst, r.failure() == null ? ExitCodes.OK : ExitCodes.of(r.failure()));
      }
      return worst;
    } finally {
      // Lets the JVM exit at once instead of waiting for idle pool threads.
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  private void show(CliContext ctx, RenewAll.Result r) {
    if (r.failure() == null) {
      print(ctx, r.report());
    } else {
      Failures.report(ctx.err(), r.failure(), r.account().name() + ": ", common.verbose);
    }
  }

  // Says which shape worked, so that a switch made by auto is seen where it happens.
  private static String shapeNote(AccountRenewal.Renewed r) {
    String shape = r.record().metadata().shape();
    return r.via() == AccountRenewal.Via.HTTP && shape != null ? " with shape " + shape : "";
  }

  private static void print(CliContext ctx, AccountRenewal.Report report) {
    Times times = new Times(ctx::zone, ctx.clock().instant());
    // One print per account, so that lines of accounts renewed side by side never interleave.
    String text;
    if (report instanceof AccountRenewal.NotDue notDue) {
      text =
          notDue.account()
              + ": not due (fresh); renewal due "
              + times.atWithRelative(notDue.dueAt());
    } else if (report instanceof AccountRenewal.DryRun dry) {
      text = dry.request() + dry.account() + ": dry run, nothing was sent";
    } else if (report instanceof AccountRenewal.Skipped skipped) {
      text = skipped.account() + ": skipped, " + skipped.why();
    } else {
      AccountRenewal.Renewed r = (AccountRenewal.Renewed) report;
      text =
          r.account()
              + ": renewed via "
              + r.via()
              + RenewalNotes.how(r)
              + shapeNote(r)
              + "; new key "
              + Secrets.mask(r.record().login().musicKey())
              + ", next renewal due "
              + times.at(r.dueAt());
    }
    ctx.out().println(text);
  }
}
