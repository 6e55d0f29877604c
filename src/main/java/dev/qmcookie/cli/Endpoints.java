package dev.qmcookie.cli;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.renew.RenewalRequests;
import java.util.Map;
import okhttp3.HttpUrl;

/** The renewal endpoint: {@code --endpoint}, else {@code $QMCOOKIE_ENDPOINT}, else the real one. */
final class Endpoints {
  static final String ENV = "QMCOOKIE_ENDPOINT";

  private Endpoints() {}

  /**
   * @param chosen the {@code --endpoint} value, or null
   * @throws InvalidInputException when the environment holds something that is not a URL
   */
  static HttpUrl resolve(HttpUrl chosen, Map<String, String> env) {
    return resolve(chosen, env, ENV, RenewalRequests.DEFAULT_ENDPOINT);
  }

  /**
   * {@code chosen}, else the URL in the variable {@code envName}, else {@code defaultUrl}.
   *
   * @throws InvalidInputException when the environment holds something that is not a URL
   */
  static HttpUrl resolve(
      HttpUrl chosen, Map<String, String> env, String envName, String defaultUrl) {
    if (chosen != null) {
      return chosen;
    }
    String fromEnv = env.get(envName);
    if (fromEnv == null || fromEnv.isBlank()) {
      return HttpUrl.get(defaultUrl);
    }
    HttpUrl url = HttpUrl.parse(fromEnv.trim());
    if (url == null) {
      throw new InvalidInputException(
          "$" + envName + " is not an http:// or https:// URL: \"" + fromEnv + "\"");
    }
    return url;
  }
}
