package dev.qmcookie.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.account.LiveCheck;
import dev.qmcookie.account.Times;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.http.HttpClients;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.io.PrintWriter;
import java.util.ArrayList;
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

  @Mixin ScheduleOptions scheduleOptions;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    Vault vault = common.vault();
    Times times = new Times(ctx::zone, ctx.clock().instant());
    RenewalSchedule schedule = scheduleOptions.schedule();
    List<Account> accounts = all ? vault.accounts() : List.of(vault.account(common.account));
    List<AccountStatus> statuses = new ArrayList<>();
    int code = ExitCodes.OK;
    LiveCheck liveCheck =
        check
            ? new LiveCheck(
                    HttpClients.create(ctx.env(), HttpClients.DEFAULT_TIMEOUT, 1),
                    checkEndpoint.url(ctx.env()),
                    ctx.clock())
                .oneRound()
            : null;
    for (Account account : accounts) {
      try {
        if (liveCheck != null) {
          liveCheck.run(account);
        }
        statuses.add(AccountStatus.read(account, schedule, times.now()));
      } catch (Exception e) {
        if (!all) {
          throw e;
        }
        // One unreadable account must not hide the state of the others.
        code =
            ExitCodes.worst(
                code, Failures.report(ctx.err(), e, account.name() + ": ", common.verbose));
      }
    }
    PrintWriter out = ctx.out();
    if (json) {
      printJson(out, statuses, times);
    } else if (accounts.isEmpty()) {
      out.println(
          "no accounts under "
              + vault.home().toAbsolutePath()
              + " yet. Import a cookie: qmcookie import --file cookie.txt");
    } else if (all) {
      printTable(out, statuses, times);
      for (AccountStatus s : statuses) {
        if (s.lastCheck() != null) {
          out.println(s.account() + ": " + StatusLines.server(s.lastCheck()));
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

  private void printJson(PrintWriter out, List<AccountStatus> statuses, Times times) {
    JsonNode doc;
    if (all) {
      ArrayNode array = JsonTrees.array();
      statuses.forEach(s -> s.toJson(array.addObject(), times.now()));
      doc = array;
    } else {
      doc = statuses.get(0).toJson(JsonTrees.object(), times.now());
    }
    out.print(JsonTrees.pretty(doc));
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
