package dev.qmcookie.checkup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.checkup.Check.Level;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.renew.RenewalRequests;
import dev.qmcookie.vault.ConfigDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/** Where renew and daemon would send the cookie, and whether that host resolves. */
public final class EndpointChecks {
  public static final long RESOLVE_LIMIT_SECONDS = 5;

  private EndpointChecks() {}

  /**
   * The endpoint one command would use, as the command line resolved it.
   *
   * @param source where it comes from, as the user would look for it (a file, a variable)
   */
  public record Endpoint(String command, HttpUrl url, String source) {}

  /** An endpoint setting that names no usable URL: nothing is resolved then. */
  public static Check unusable(String detail, String fix) {
    return new Check(Level.FAIL, "endpoint", detail, fix);
  }

  /**
   * The checks of the endpoints renew and daemon would send the cookie to when no {@code
   * --endpoint} is given: a section or top-level {@code endpoint} of config.json, else {@code
   * otherwise}.
   *
   * @param config the home's config, or null when there is none or it is not trusted
   * @param otherwise the endpoint without a configured one; throws {@link InvalidInputException}
   *     when it is not usable
   * @param otherwiseSource where {@code otherwise} comes from, as shown
   * @param otherwiseFix what to do when {@code otherwise} is not usable
   */
  public static List<Check> inEffect(
      ConfigDocument config,
      Supplier<HttpUrl> otherwise,
      String otherwiseSource,
      String otherwiseFix) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (String command : List.of("renew", "daemon")) {
      JsonNode configured = config == null ? null : config.valueFor(command, "endpoint");
      if (configured != null && configured.isTextual()) {
        HttpUrl url = HttpUrl.parse(configured.asText().trim());
        String source = config.file().toString();
        if (url == null) {
          return List.of(
              unusable(
                  source + " names an endpoint that is not an http(s) URL",
                  "fix the endpoint in " + source));
        }
        endpoints.add(new Endpoint(command, url, source));
      } else {
        try {
          endpoints.add(new Endpoint(command, otherwise.get(), otherwiseSource));
        } catch (InvalidInputException e) {
          return List.of(unusable(e.getMessage(), otherwiseFix));
        }
      }
    }
    return resolve(withShapeB(endpoints));
  }

  /**
   * {@code endpoints} and, after each whose shape B goes elsewhere (the default endpoints), shape
   * B's: auto renewal sends there when shape A is refused, so it must resolve too.
   */
  public static List<Endpoint> withShapeB(List<Endpoint> endpoints) {
    List<Endpoint> all = new ArrayList<>();
    for (Endpoint e : endpoints) {
      all.add(e);
      HttpUrl shapeB = RenewalRequests.shapeBUrl(e.url());
      if (!shapeB.equals(e.url())) {
        all.add(new Endpoint(e.command() + " (shape b)", shapeB, e.source()));
      }
    }
    return all;
  }

  /** One check per host, naming every command that sends the cookie there. */
  public static List<Check> resolve(List<Endpoint> endpoints) {
    Map<HttpUrl, List<String>> users = new LinkedHashMap<>();
    for (Endpoint e : endpoints) {
      users
          .computeIfAbsent(e.url(), u -> new ArrayList<>())
          .add(e.command() + " (from " + e.source() + ")");
    }
    List<Check> checks = new ArrayList<>();
    users.forEach(
        (url, commands) ->
            checks.add(
                resolves(
                    url,
                    String.join(" and ", commands) + (commands.size() == 1 ? " sends" : " send"))));
    return checks;
  }

  private static Check resolves(HttpUrl url, String users) {
    String host = url.host();
    String sends =
        "; " + users + " the cookie to " + url.scheme() + "://" + host + ":" + url.port();
    try {
      InetAddress address =
          CompletableFuture.supplyAsync(() -> lookUp(host))
              .get(RESOLVE_LIMIT_SECONDS, TimeUnit.SECONDS);
      return new Check(
          Level.OK, "endpoint", host + " resolves to " + address.getHostAddress() + sends, null);
    } catch (Exception e) {
      return new Check(
          Level.WARN,
          "endpoint",
          host + " does not resolve within " + RESOLVE_LIMIT_SECONDS + "s" + sends,
          "check DNS and the network; renewal needs to reach " + host);
    }
  }

  private static InetAddress lookUp(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
