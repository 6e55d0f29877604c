package dev.qmcookie.cli;

import dev.qmcookie.account.LiveCheck;
import dev.qmcookie.http.HostRoute;
import dev.qmcookie.http.HttpClients;
import dev.qmcookie.renew.LoginCheck;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import picocli.CommandLine.Option;

/**
 * Where the live check goes ({@code --check-endpoint}, else its variable, else the real page) and
 * how long it may take.
 */
final class CheckEndpointOption {
  static final String ENV = "QMCOOKIE_CHECK_ENDPOINT";

  @Option(
      names = "--check-endpoint",
      paramLabel = "URL",
      converter = HttpUrlConverter.class,
      description =
          "Live check endpoint (default: $" + ENV + ", else " + LoginCheck.DEFAULT_ENDPOINT + ").")
  HttpUrl endpoint;

  @Option(
      names = "--check-timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Time limit of the live check, like 8s or 500ms (default: 8s); never retried.")
  Duration timeout = HttpClients.DEFAULT_TIMEOUT;

  HttpUrl url(Map<String, String> env) {
    return Endpoints.resolve(endpoint, env, ENV, LoginCheck.DEFAULT_ENDPOINT);
  }

  /** The live check these options describe, with a client of its own that takes {@code route}. */
  LiveCheck liveCheck(CliContext ctx, HostRoute route) {
    return new LiveCheck(
        HttpClients.create(ctx.env(), timeout, 1, route), url(ctx.env()), ctx.clock());
  }
}
