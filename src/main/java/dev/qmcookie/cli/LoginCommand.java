package dev.qmcookie.cli;

import dev.qmcookie.account.VerificationPage;
import dev.qmcookie.browser.BrowserLogin;
import dev.qmcookie.browser.LaunchSpec;
import dev.qmcookie.browser.Launcher;
import dev.qmcookie.capture.LoginInProfile;
import dev.qmcookie.capture.ProfileCapture;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = {
      "Logs in once in the account's own Chrome profile and stores the full cookie.",
      "Opens y.qq.com in the account's own Chrome profile and waits until you have logged in,",
      "then stores the complete cookie (every qq.com domain, HttpOnly ones too) and the browser's",
      "User-Agent. Log in on the machine that will renew, so the IP and location stay the same.",
      "On a machine without a display, --headless shows the login QR code in the terminal.",
      "With --qr, no browser is used at all: scan the code drawn in the terminal with the QQ app",
      "(or the WeChat app with --wechat)."
    })
final class LoginCommand implements Callable<Integer> {
  @ParentCommand QmcookieCommand parent;
  @Mixin CommonOptions common;
  @Mixin BrowserOptions browserOptions;
  @Mixin CheckAfterStore check;

  @Option(
      names = "--headless",
      description = "No window: show the QR code in the terminal instead.")
  boolean headless;

  @Option(
      names = "--qr",
      description = "Log in without a browser: scan the QR code drawn in the terminal.")
  boolean qr;

  @Option(
      names = "--wechat",
      description = "With --qr, scan with the WeChat app instead of the QQ app.")
  boolean weChat;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "How long to wait for the login (default: 5m, 3m with --qr). Nothing is written on"
              + " timeout.")
  Duration timeout;

  @Option(
      names = "--qr-png",
      paramLabel = "FILE",
      description =
          "With --headless or --qr, also save the QR code as a PNG (mode 0600); it is kept"
              + " whatever the outcome.")
  Path qrPng;

  @Option(
      names = "--replace",
      description = "Store the login even if the account holds another uin.")
  boolean replace;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    Account account = common.vaultToWrite().account(common.account);
    if (weChat && !qr) {
      throw new InvalidInputException("--wechat needs --qr: use qmcookie login --qr --wechat");
    }
    if (qr) {
      // Before any browser lookup: --qr must work where there is no Chromium at all.
      QrLoginFlow.run(
          ctx,
          check,
          account,
          weChat,
          timeout != null ? timeout : QrLoginFlow.DEFAULT_TIMEOUT,
          qrPng,
          replace);
      return ExitCodes.OK;
    }
    LaunchSpec spec =
        ProfileCapture.prepare(
            new Launcher(BrowserLauncher.settings(browserOptions, ctx.env())), account, headless);
    ctx.err()
        .println(
            "starting "
                + spec.browser().version()
                + (headless ? " (headless)" : "")
                + " with the profile in "
                + spec.profile());
    String url = startPage(ctx, account);
    LoginInProfile.Qr qr =
        headless
            ? new LoginInProfile.Qr(
                new QrPresenter(ctx.err()), qrPng, account.dir().resolve("login-page.png"))
            : null;
    BrowserLogin.Login login =
        LoginInProfile.run(
            spec,
            url,
            timeout != null ? timeout : Duration.ofMinutes(5),
            new WaitingLine(ctx.err(), "waiting for QQ authorization", ctx.console() != null),
            qr);
    BrowserCapture.store(
        ctx, check, account, login.cookies(), login.userAgent(), "login:browser", replace);
    return ExitCodes.OK;
  }

  // The server asked for a security check on its own page: that is where the owner must go. A
  // --url the user gave still wins.
  private String startPage(CliContext ctx, Account account) throws IOException {
    if (!BrowserOptions.DEFAULT_URL.equals(browserOptions.url)) {
      return browserOptions.url;
    }
    Optional<String> check = VerificationPage.of(account);
    check.ifPresent(
        u -> ctx.err().println("opening the server's security check: " + MessageText.line(u)));
    return check.orElse(browserOptions.url);
  }
}
