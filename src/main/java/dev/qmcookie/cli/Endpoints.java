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
    if (chosen != null) {
      return chosen;
    }
    String fromEnv = env.get(ENV);
    if (fromEnv == null || fromEnv.isBlank()) {
      return HttpUrl.get(RenewalRequests.DEFAULT_ENDPOINT);
    }
    HttpUrl url = HttpUrl.parse(fromEnv.trim());
    if (url == null) {
      throw new InvalidInputException(
          "$" + ENV + " is not an http:// or https:// URL: \"" + fromEnv + "\"");
    }
    return url;
  }
}
