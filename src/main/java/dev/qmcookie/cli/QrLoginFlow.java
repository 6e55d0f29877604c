package dev.qmcookie.cli;

import dev.qmcookie.browser.UserAgents;
import dev.qmcookie.http.HttpClients;
import dev.qmcookie.qrlogin.QrLogin;
import dev.qmcookie.qrlogin.QrLoginResult;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * {@code login --qr}: a login by QR code over plain HTTP, with no browser anywhere. Nothing is
 * written before the phone confirms (the {@code --qr-png} picture aside): a refusal, a timeout or
 * Ctrl-C leaves the account as it was.
 */
final class QrLoginFlow {
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

  private QrLoginFlow() {}

  static void run(
      CliContext ctx,
      CheckAfterStore check,
      Account account,
      boolean weChat,
      Duration timeout,
      Path qrPng,
      boolean replace)
      throws IOException {
    OkHttpClient client =
        HttpClients.create(ctx.env(), HttpClients.DEFAULT_TIMEOUT, 1, check.route.route(ctx));
    QrLogin login =
        QrLogin.overHttp(weChat, client, ctx.clock(), ctx.sleeper(), UserAgents.QR_LOGIN);
    ctx.err()
        .println(
            "logging in to account "
                + account.name()
                + " by QR code with the "
                + (weChat ? "WeChat" : "QQ")
                + " app; no browser is needed");
    QrLoginResult result =
        login.run(new QrScreen(ctx.err(), weChat ? "WeChat" : "QQ", qrPng), timeout);
    BrowserCapture.store(ctx, check, account, result.record(), replace);
  }
}
