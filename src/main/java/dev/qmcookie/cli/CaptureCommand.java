package dev.qmcookie.cli;

import dev.qmcookie.browser.BrowserSession;
import dev.qmcookie.browser.LaunchSpec;
import dev.qmcookie.browser.LoginWatcher;
import dev.qmcookie.browser.UserAgents;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.failure.LoginInvalidException;
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
      "Opens the start page headless in the account's existing profile, lets the site's own",
      "scripts run, and stores the cookies again. No interaction. Exits 3 and changes nothing",
      "when the profile is not logged in: run qmcookie login first."
    })
final class CaptureCommand implements Callable<Integer> {
  @ParentCommand QmcookieCommand parent;
  @Mixin CommonOptions common;
  @Mixin BrowserOptions browserOptions;

  @Option(
      names = "--settle",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "How long the page's scripts may run before the cookies are read (default: 5s).")
  Duration settle = Duration.ofSeconds(5);

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    Account account = common.vault(ctx.env()).account(common.account);
    if (!java.nio.file.Files.isDirectory(BrowserLauncher.profileOf(account))) {
      throw new LoginInvalidException(
          "account " + account.name() + " has no browser profile yet: run qmcookie login first", 0);
    }
    LaunchSpec spec = new BrowserLauncher(browserOptions, ctx.env()).prepare(account, true);
    CookieSet cookies;
    try (BrowserSession session = BrowserSession.launch(spec)) {
      session.open(browserOptions.url);
      Thread.sleep(settle.toMillis());
      cookies = StoredLogin.qqFamily(session.cookies());
    }
    if (!LoginWatcher.isLoggedIn(cookies)) {
      throw new LoginInvalidException(
          "the browser profile of account " + account.name()
              + " is not logged in (no uin and music key): run qmcookie login", 0);
    }
    MusicLogin login = MusicLogin.of(cookies);
    if (StoredLogin.compare(account, login) == StoredLogin.SAME_UIN_OLDER_KEY) {
      ctx.out().println(account.name() + ": the profile's login is older than the stored one; kept the stored cookie");
      return ExitCodes.OK;
    }
    String userAgent = storedUserAgent(account);
    if (userAgent == null) {
      userAgent = UserAgents.desktopChrome(spec.browser());
    }
    BrowserCapture.store(ctx, account, cookies, userAgent, "capture:browser", false);
    return ExitCodes.OK;
  }

  // The headed login's User-Agent is the truest one; keep it across headless captures.
  private static String storedUserAgent(Account account) {
    try {
      return account.exists() ? account.load().metadata().userAgent() : null;
    } catch (Exception unreadable) {
      return null;
    }
  }
}
