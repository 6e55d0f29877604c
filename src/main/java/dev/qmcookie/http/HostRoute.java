package dev.qmcookie.http;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.MessageText;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The test seam: sends every request for matching hosts to a local fake instead, keeping its
 * method, path, query and original {@code Host} header, so that one fake can answer for several
 * hosts. Rules read like {@code *.qq.com=http://127.0.0.1:8080}, several separated by commas; the
 * first that matches wins. {@code *.qq.com} matches the subdomains of qq.com, any other host only
 * itself. Without rules ({@link #NONE}) every request goes to its real URL.
 */
public final class HostRoute {
  /** No rules: every request goes where its URL says. */
  public static final HostRoute NONE = new HostRoute(List.of());

  private static final String EXAMPLE = "write rules like *.qq.com=http://127.0.0.1:8080";
  private static final Pattern HOST =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  private record Rule(String hosts, HttpUrl target) {
    boolean matches(String host) {
      return hosts.startsWith("*.")
          ? host.endsWith(hosts.substring(1)) && host.length() > hosts.length() - 1
          : host.equals(hosts);
    }

    @Override
    public String toString() {
      return "requests to " + hosts + " go to " + address(target);
    }
  }

  private final List<Rule> rules;

  private HostRoute(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * @param text the rules, separated by commas
   * @param source where they came from, for messages, like {@code $QMCOOKIE_ROUTE} or {@code
   *     --route}
   * @throws InvalidInputException naming the first rule that cannot be used; a target is never
   *     quoted when it holds a user or password
   */
  public static HostRoute parse(String text, String source) {
    List<Rule> rules = new ArrayList<>();
    String[] items = text.split(",", -1);
    for (String item : items) {
      rules.add(rule(item.trim(), source));
    }
    return new HostRoute(rules);
  }

  private static Rule rule(String item, String source) {
    int eq = item.indexOf('=');
    if (eq < 0) {
      throw bad(source, "\"" + MessageText.quote(item) + "\" is not HOST=URL");
    }
    String hosts = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
    String targetText = item.substring(eq + 1).trim();
    String bare = hosts.startsWith("*.") ? hosts.substring(2) : hosts;
    if (!HOST.matcher(bare).matches()) {
      throw bad(
          source,
          "\""
              + MessageText.quote(hosts)
              + "\" is not a host name or *.domain (IPv6 addresses are not supported)");
    }
    if (targetText.contains("@")) {
      // Whatever stands before the @ may be a password: it is not repeated.
      throw bad(source, "the target for " + hosts + " may not hold a user or password");
    }
    String lower = targetText.toLowerCase(Locale.ROOT);
    HttpUrl target =
        lower.startsWith("http://") || lower.startsWith("https://")
            ? HttpUrl.parse(targetText)
            : null;
    String quoted = "\"" + MessageText.quote(targetText) + "\"";
    if (target == null) {
      throw bad(
          source,
          "the target for " + hosts + ", " + quoted + ", is not an http:// or https:// URL");
    }
    if (!target.encodedPath().equals("/")
        || target.encodedQuery() != null
        || target.encodedFragment() != null) {
      throw bad(
          source,
          "the target for "
              + hosts
              + ", "
              + quoted
              + ", has a path: a request keeps its own, so give only scheme://host:port");
    }
    return new Rule(hosts, target);
  }

  private static InvalidInputException bad(String source, String problem) {
    return new InvalidInputException(source + ": " + problem + "; " + EXAMPLE);
  }

  /** Whether any request is sent elsewhere than its URL says. */
  public boolean active() {
    return !rules.isEmpty();
  }

  /** The rules in words, like "requests to *.qq.com go to http://127.0.0.1:8080". */
  public String describe() {
    return rules.stream().map(Rule::toString).collect(Collectors.joining("; "));
  }

  @Override
  public String toString() {
    return active() ? describe() : "no route";
  }

  /** Where a request for {@code url} is sent instead, or null when it goes to {@code url}. */
  HttpUrl routed(HttpUrl url) {
    String host = url.host().toLowerCase(Locale.ROOT);
    for (Rule r : rules) {
      if (r.matches(host)) {
        return url.newBuilder()
            .scheme(r.target.scheme())
            .host(r.target.host())
            .port(r.target.port())
            .build();
      }
    }
    return null;
  }

  /**
   * An application interceptor that sends a matching request to its target with the original {@code
   * Host} header. The answer names the original request, so that whoever judges its Set-Cookie
   * headers by {@code response.request().url()} judges them by the real host.
   */
  Interceptor interceptor() {
    return chain -> {
      Request original = chain.request();
      HttpUrl to = routed(original.url());
      if (to == null) {
        return chain.proceed(original);
      }
      Request sent =
          original.newBuilder().url(to).header("Host", hostHeader(original.url())).build();
      Response answer = chain.proceed(sent);
      return answer.newBuilder().request(original).build();
    };
  }

  /**
   * {@code proxies}, except for the targets: a routed request goes straight to the address the rule
   * names, as a fake on loopback must be reached.
   */
  ProxySelector bypassing(ProxySelector proxies) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        for (Rule r : rules) {
          if (r.target.host().equalsIgnoreCase(uri.getHost())
              && r.target.port() == port(uri)
              && r.target.scheme().equalsIgnoreCase(uri.getScheme())) {
            return List.of(Proxy.NO_PROXY);
          }
        }
        return proxies.select(uri);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        proxies.connectFailed(uri, sa, ioe);
      }
    };
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return HttpUrl.defaultPort(uri.getScheme() == null ? "http" : uri.getScheme());
  }

  private static String hostHeader(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  private static String address(HttpUrl target) {
    String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
    String port = target.port() == HttpUrl.defaultPort(target.scheme()) ? "" : ":" + target.port();
    return target.scheme() + "://" + host + port;
  }
}
