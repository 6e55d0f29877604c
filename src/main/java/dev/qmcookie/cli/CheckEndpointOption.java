package dev.qmcookie.cli;

import dev.qmcookie.renew.LoginCheck;
import java.util.Map;
import okhttp3.HttpUrl;
import picocli.CommandLine.Option;

/** Where the live check goes: {@code --check-endpoint}, else its variable, else the real page. */
final class CheckEndpointOption {
  static final String ENV = "QMCOOKIE_CHECK_ENDPOINT";

  @Option(
      names = "--check-endpoint",
      paramLabel = "URL",
      converter = HttpUrlConverter.class,
      description =
          "Live check endpoint (default: $" + ENV + ", else " + LoginCheck.DEFAULT_ENDPOINT + ").")
  HttpUrl endpoint;

  HttpUrl url(Map<String, String> env) {
    return Endpoints.resolve(endpoint, env, ENV, LoginCheck.DEFAULT_ENDPOINT);
  }
}
