package dev.qmcookie.cli;

import dev.qmcookie.account.NewLogin;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.renew.AccountState;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The live check that {@code import}, {@code login} and {@code capture} run once a login is stored.
 * The login is stored either way: a refusal or no answer is a warning, never a failure, so that an
 * import on a machine without network still works.
 */
final class CheckAfterStore {
  @Mixin CheckEndpointOption endpoint;

  @Mixin RouteOption route;

  @Option(
      names = "--no-check",
      description = "Do not ask the server whether the stored cookie is logged in.")
  boolean skip;

  /** Stores a login and, unless {@code --no-check}, checks it with the server. */
  NewLogin newLogin(CliContext ctx) {
    if (skip) {
      return new NewLogin(null);
    }
    // Resolved once stored, so that a bad endpoint is a warning about a stored login.
    return new NewLogin(account -> endpoint.liveCheck(ctx, route.route(ctx)).run(account));
  }

  // The server refuses every expired key; a refresh_key may still renew one.
  private static String whatARefusalMeans(AccountState state) {
    return switch (state) {
      case EXPIRED_RENEWABLE ->
          ": the key has expired, but its refresh_key may still renew it: run qmcookie renew";
      case EXPIRED -> ": the key has expired; log in again and import the new cookie";
      default ->
          ": the server does not take this cookie as logged in; log in again and import the new"
              + " cookie";
    };
  }

  /** What the server said of the stored login, if it was asked. */
  static void show(CliContext ctx, NewLogin.Stored stored) {
    if (!stored.checked()) {
      return;
    }
    if (stored.checkFailure() != null) {
      ctx.err()
          .println(
              "qmcookie: warning: the cookie is stored, but it could not be checked with the server ("
                  + MessageText.line(String.valueOf(stored.checkFailure().getMessage()))
                  + "); try qmcookie status --check later");
      return;
    }
    ServerCheck result = stored.check();
    switch (result.result()) {
      case ACCEPTED -> ctx.out().println(StatusLines.server(result));
      case REFUSED ->
          ctx.err()
              .println(
                  "qmcookie: warning: "
                      + StatusLines.server(result)
                      + whatARefusalMeans(stored.status().state()));
      case UNKNOWN ->
          ctx.err()
              .println(
                  "qmcookie: warning: "
                      + StatusLines.server(result)
                      + "; the cookie is stored: check it later with qmcookie status --check");
    }
  }
}
