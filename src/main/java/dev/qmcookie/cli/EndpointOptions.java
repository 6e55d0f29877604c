package dev.qmcookie.cli;

import dev.qmcookie.http.HostRoute;
import dev.qmcookie.http.HttpClients;
import dev.qmcookie.renew.RenewalRequests;
import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where renewals go and how long each try may take; renew and daemon share these options. */
final class EndpointOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      converter = HttpUrlConverter.class,
      description =
          "Renewal endpoint for both request shapes (default: $QMCOOKIE_ENDPOINT, else "
              + RenewalRequests.DEFAULT_ENDPOINT
              + " for shape a and "
              + RenewalRequests.SHAPE_B_ENDPOINT
              + " for shape b).")
  HttpUrl endpoint;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Time limit of each try, like 8s or 500ms (default: 8s); 3 tries at most.")
  Duration timeout = HttpClients.DEFAULT_TIMEOUT;

  HttpUrl url(Map<String, String> env) {
    return Endpoints.resolve(endpoint, env);
  }

  /**
   * The client for up to {@code parallel} renewals at once, with the per-try time limit and the
   * command's {@code route}.
   */
  OkHttpClient client(Map<String, String> env, int parallel, HostRoute route) {
    if (timeout.isZero() || timeout.isNegative()) {
      // OkHttp reads 0 as "no limit", which would let a dead server hang a cron job forever.
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "--timeout must be more than 0");
    }
    return HttpClients.create(env, timeout, parallel, route);
  }
}
