package dev.qmcookie.cli;

import dev.qmcookie.account.CapturedLogin;
import dev.qmcookie.account.ProfileReader;
import dev.qmcookie.vault.Account;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the cookie again from the account's logged-in browser profile, headless.",
      "Opens the start page headless in the account's existing profile, lets the site's own",
      "scripts run, and stores the cookies again. No interaction. Exits 3 and changes nothing",
      "when the profile is not logged in: run qmcookie login first."
    })
final class CaptureCommand implements Callable<Integer> {
  @ParentCommand QmcookieCommand parent;
  @Mixin CommonOptions common;
  @Mixin BrowserOptions browserOptions;
  @Mixin CheckAfterStore check;

  @Option(
      names = "--settle",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "How long the page's scripts may run before the cookies are read (default: 5s).")
  Duration settle = BrowserCapture.DEFAULT_SETTLE;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    Account account = common.vaultToWrite().account(common.account);
    ProfileReader.ProfileLogin captured =
        CapturedLogin.readProfile(
            BrowserCapture.reader(browserOptions, ctx.env(), settle), account);
    if (!CapturedLogin.isNewer(account, captured)) {
      ctx.out()
          .println(
              account.name()
                  + ": the profile's login is older than the stored one; kept the stored cookie");
      return ExitCodes.OK;
    }
    BrowserCapture.store(
        ctx, check, account, captured.cookies(), captured.userAgent(), "capture:browser", false);
    return ExitCodes.OK;
  }
}
