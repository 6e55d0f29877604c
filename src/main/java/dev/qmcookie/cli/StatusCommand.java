package dev.qmcookie.cli;

import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.account.StatusReport;
import dev.qmcookie.account.Times;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows whether each cookie is fresh, due, expired, expired (renewable), needs-login,",
      "needs-verification, account-problem, device-limit or too-frequent, with the key's age,",
      "expiry, renewal time and the last renewal. Secrets are masked. Exits 3 when one account",
      "needs a person (expired, needs-login, needs-verification, account-problem), else 0.",
      "--check first asks the server whether each cookie is still logged in, changing nothing:",
      "a refusal makes a valid key needs-login; no answer changes neither state nor exit code."
    })
final class StatusCommand implements Callable<Integer> {
  @ParentCommand QmcookieCommand parent;
  @Mixin CommonOptions common;

  @Option(
      names = "--json",
      description = "Print JSON with the stable keys documented in the README.")
  boolean json;

  @Option(names = "--all", description = "Show every account in the home.")
  boolean all;

  @Option(
      names = "--check",
      description =
          "Ask the server whether each cookie is still logged in (server: accepted, refused or"
              + " unknown); the answer is kept and shown by later status runs.")
  boolean check;

  @Mixin CheckEndpointOption checkEndpoint;

  @Mixin RouteOption route;

  @Mixin ScheduleOptions scheduleOptions;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    Vault vault = common.vault();
    Times times = new Times(ctx::zone, ctx.clock().instant());
    RenewalSchedule schedule = scheduleOptions.schedule();
    List<Account> accounts = all ? vault.accounts() : List.of(vault.account(common.account));
    StatusReport report =
        StatusReport.of(
            accounts,
            schedule,
            times.now(),
            check ? checkEndpoint.liveCheck(ctx, route.route(ctx)).oneRound() : null,
            all);
    int code = ExitCodes.OK;
    for (StatusReport.Failure f : report.failures()) {
      code =
          ExitCodes.worst(
              code, Failures.report(ctx.err(), f.why(), f.account().name() + ": ", common.verbose));
    }
    List<AccountStatus> statuses = report.statuses();
    PrintWriter out = ctx.out();
    if (json) {
      out.print(JsonTrees.pretty(report.toJson(all, times.now())));
      if (accounts.isEmpty() && vault.store().isPresent()) {
        ctx.err().println("qmcookie: " + StoreOptions.emptyStore(vault.store().get()));
      }
    } else if (accounts.isEmpty() && vault.store().isPresent()) {
      out.println(StoreOptions.emptyStore(vault.store().get()));
    } else if (accounts.isEmpty()) {
      out.println(
          "no accounts under "
              + vault.home().toAbsolutePath()
              + " yet. Import a cookie: qmcookie import --file cookie.txt");
    } else if (all) {
      printTable(out, statuses, times);
      for (AccountStatus s : statuses) {
        if (s.lastCheck() != null) {
          out.println(
              s.account() + ": " + StatusLines.server(s.lastCheck()) + StatusLines.olderCookie(s));
        }
      }
    } else {
      StatusLines.printDetails(statuses.get(0), out, times);
    }
    for (AccountStatus s : statuses) {
      if (s.state().needsHuman()) {
        code = ExitCodes.worst(code, ExitCodes.LOGIN_INVALID);
      }
    }
    return code;
  }

  private static void printTable(PrintWriter out, List<AccountStatus> statuses, Times times) {
    String format = "%-16s %-12s %-12s %-7s %-9s %-14s %s%n";
    out.printf(
        format, "ACCOUNT", "STATE", "UIN", "LOGIN", "KEY AGE", "RENEWAL DUE", "LAST RENEWAL");
    for (AccountStatus s : statuses) {
      out.printf(
          format,
          s.account(),
          s.state().label(),
          s.login().uin(),
          s.login().kind().label(),
          Durations.format(s.timeline().age(times.now())),
          times.relative(s.timeline().dueAt()),
          s.lastAttempt() == null
              ? "never"
              : s.lastAttempt().outcome()
                  + " "
                  + times.relative(s.lastAttempt().at())
                  + (s.lastAttempt().code() != 0 ? " (code " + s.lastAttempt().code() + ")" : ""));
    }
  }
}
