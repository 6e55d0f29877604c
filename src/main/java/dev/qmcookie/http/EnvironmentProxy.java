package dev.qmcookie.http;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.Authenticator;
import okhttp3.Credentials;

/**
 * The proxy settings of the environment, as curl reads them: {@code https_proxy}, {@code
 * http_proxy}, {@code all_proxy} (either case; {@code http://} or {@code socks5://}, with optional
 * {@code user:password@}) and {@code no_proxy}. Without them, Java's own settings ({@code
 * -Dhttps.proxyHost}) apply.
 */
public final class EnvironmentProxy extends ProxySelector {
  private final Map<String, String> env;
  private final ProxySelector fallback;

  /**
   * @param env the environment's variables, as the command line read them
   * @param fallback used when no variable names a proxy; null for none
   */
  public EnvironmentProxy(Map<String, String> env, ProxySelector fallback) {
    this.env = env;
    this.fallback = fallback;
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    URI proxy = proxyFor(uri.getScheme());
    if (proxy == null) {
      return fallback == null ? List.of(Proxy.NO_PROXY) : fallback.select(uri);
    }
    if (bypassed(host)) {
      return List.of(Proxy.NO_PROXY);
    }
    boolean socks =
        proxy.getScheme() != null && proxy.getScheme().toLowerCase(Locale.ROOT).startsWith("socks");
    int port = proxy.getPort() > 0 ? proxy.getPort() : socks ? 1080 : 80;
    return List.of(
        new Proxy(
            socks ? Proxy.Type.SOCKS : Proxy.Type.HTTP,
            InetSocketAddress.createUnresolved(proxy.getHost(), port)));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // OkHttp reports and tries the next route itself.
  }

  /** Answers a proxy's 407 with the credentials from the proxy URL, if it has any. */
  public Authenticator authenticator() {
    return (route, response) -> {
      if (route == null || response.request().header("Proxy-Authorization") != null) {
        return null;
      }
      URI proxy = proxyFor(route.address().url().scheme());
      if (proxy == null || proxy.getRawUserInfo() == null) {
        return null;
      }
      String[] userInfo = proxy.getRawUserInfo().split(":", 2);
      String user = URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8);
      String password =
          userInfo.length > 1 ? URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8) : "";
      return response
          .request()
          .newBuilder()
          .header("Proxy-Authorization", Credentials.basic(user, password))
          .build();
    };
  }

  /** The proxy URL for requests of {@code scheme}, or null when none is set. */
  URI proxyFor(String scheme) {
    String s = scheme == null ? "https" : scheme.toLowerCase(Locale.ROOT);
    // Like curl, only lowercase http_proxy: CGI sets HTTP_PROXY from a request header ("httpoxy").
    String value =
        s.equals("http")
            ? first("http_proxy", "all_proxy", "ALL_PROXY")
            : first(s + "_proxy", s.toUpperCase(Locale.ROOT) + "_PROXY", "all_proxy", "ALL_PROXY");
    if (value == null) {
      return null;
    }
    String url = value.contains("://") ? value : "http://" + value;
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      // The value itself may hold a password, so it is not repeated.
      throw new InvalidInputException(
          "the proxy setting for " + s + " is not a URL like http://host:port");
    }
  }

  boolean bypassed(String host) {
    String noProxy = first("no_proxy", "NO_PROXY");
    if (noProxy == null) {
      return false;
    }
    for (String entry : noProxy.split(",")) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      if (e.equals("*")) {
        return true;
      }
      int colon = e.lastIndexOf(':');
      if (colon > 0 && e.indexOf(':') == colon) {
        e = e.substring(0, colon);
      }
      String bare = e.startsWith(".") ? e.substring(1) : e.startsWith("*.") ? e.substring(2) : e;
      if (host.equals(bare) || host.endsWith("." + bare)) {
        return true;
      }
    }
    return false;
  }

  private String first(String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }
}
