package dev.qmcookie.cli;

import dev.qmcookie.checkup.Check;
import dev.qmcookie.checkup.Check.Level;
import dev.qmcookie.checkup.Doctor;
import dev.qmcookie.checkup.RouteCheck;
import dev.qmcookie.checkup.SelfTest;
import dev.qmcookie.checkup.StoreCheck;
import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that this machine has everything qmcookie needs.",
      "Checks this machine: Java, the browser and driver (and whether their versions match), the",
      "browser profiles' locks, that the home, config.json, api-token and accounts are yours and",
      "no one else can write them, a display, and the renewal endpoint in effect (config.json",
      "included) and whether its host resolves, and a set $QMCOOKIE_ROUTE (a warning: requests go",
      "to a local fake). Each check says ok, warn or fail, with a fix; the exit code is 6",
      "when only the machine fails (Java, browser, driver, selftest), else 5 when any check fails.",
      "--selftest then runs login, capture, renew, export and status end to end against a",
      "simulated y.qq.com on this machine, in a throw-away home (skipped without a browser, which",
      "is then a warning), then login --qr, status, renew --force and export for QQ and WeChat.",
      "--meting DIR checks a Meting-API install instead of the browser: cookie/ and cookie/tencent",
      "under its working directory DIR, that its user can read the file, that the file is the current",
      "header export of --account, and that no .env or compose file there sets METING_COOKIE_TENCENT."
    })
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand QmcookieCommand parent;
  @Mixin CommonOptions common;
  @Mixin BrowserOptions browserOptions;

  @Option(
      names = "--selftest",
      description = "Also run the whole path against a simulated y.qq.com.")
  boolean selftest;

  @Option(
      names = "--meting",
      paramLabel = "DIR",
      description = "Check the hand-over to the Meting-API whose working directory is DIR.")
  Path meting;

  @Option(
      names = "--meting-user",
      paramLabel = "USER",
      description =
          "The user Meting-API runs as: a name, a uid, or UID:GID[,GID...] for a container's"
              + " user (default: the owner of DIR).")
  String metingUser;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    if (metingUser != null && meting == null) {
      throw new InvalidInputException(
          "--meting-user names Meting-API's user for --meting DIR: add --meting DIR");
    }
    Doctor.Report report =
        Doctor.run(
            new Doctor.Settings(
                BrowserLauncher.settings(browserOptions.withoutDownloads(), ctx.env()),
                common.homeChoice(),
                CommonOptions.LOCK_TIMEOUT,
                common.account,
                meting,
                metingUser,
                selftest,
                () -> Endpoints.resolve(null, ctx.env()),
                ctx.env().containsKey(Endpoints.ENV) ? "$" + Endpoints.ENV : "the default",
                "fix or unset $" + Endpoints.ENV));
    List<Check> checks = new ArrayList<>(report.checks());
    RouteCheck.of(ctx.env().get(RouteOption.ENV), RouteOption.ENV).ifPresent(checks::add);
    if (common.storeConfigured()) {
      checks.add(StoreCheck.of(() -> common.vault().store().orElseThrow()));
    }
    int code = new Doctor.Report(checks, report.browserFound()).exitStatus();
    for (Check c : checks) {
      ctx.out().printf("%-5s %-10s %s%n", c.level().name().toLowerCase(), c.name(), c.detail());
      if (c.fix() != null && c.level() != Level.OK) {
        ctx.out().printf("%-16s fix: %s%n", "", c.fix());
      }
    }
    // It runs in a throw-away home against a simulated site: no file or value of the user's is
    // involved, so what fails is the machine's browser, driver or display. Without a browser it
    // skips the browser's steps and still runs the QR logins, which need none.
    if (selftest && !selfTest(ctx, report.browserFound())) {
      code = ExitCodes.worst(code, ExitCodes.SETUP);
    }
    return code;
  }

  private boolean selfTest(CliContext ctx, boolean withBrowser) throws IOException {
    List<String> flags =
        SelfTest.browserFlags(
            browserOptions.browser, browserOptions.driver, browserOptions.noDownload);
    return new SelfTest((home, args) -> run(ctx, home, args), flags, withBrowser)
        .run(step -> print(ctx.out(), step));
  }

  static SelfTest.Run run(CliContext ctx, Path home, List<String> args) {
    Map<String, String> env = new HashMap<>(ctx.env());
    env.put(CommonOptions.HOME_ENV, home.toString());
    env.remove(Endpoints.ENV);
    // The selftest's own site is named by its steps; the user's route would send them elsewhere.
    env.remove(RouteOption.ENV);
    // Its made-up accounts must not land in the fleet's store.
    env.remove(StoreOptions.ENV);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext sub =
        new CliContext(
            ctx.in(),
            new PrintWriter(out),
            new PrintWriter(err),
            Map.copyOf(env),
            ctx.clock(),
            ctx.zone(),
            ctx.sleeper(),
            null);
    int code = Main.run(sub, args.toArray(String[]::new));
    return new SelfTest.Run(code, out.toString(), err.toString());
  }

  private static void print(PrintWriter out, SelfTest.Step step) {
    if (step.outcome() == SelfTest.Outcome.SKIPPED) {
      out.printf("%-5s %-10s %s (needs a browser)%n", "skip", "selftest", step.name());
      out.flush();
      return;
    }
    double seconds = step.took().toNanos() / 1e9;
    out.printf(
        "%-5s %-10s %s (%.1fs)%n", step.ok() ? "ok" : "fail", "selftest", step.name(), seconds);
    if (!step.ok()) {
      out.println(
          "      qmcookie " + String.join(" ", step.args()) + " exited " + step.run().code() + ":");
      Stream.concat(step.run().out().lines(), step.run().err().lines())
          .forEach(l -> out.println("        " + l));
    }
    out.flush();
  }
}
