package dev.qmcookie.web;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetSocketAddress;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Whether a POST comes from the page itself. With a public URL its {@code Origin} must be that
 * URL's; without one, an http origin whose host is a loopback literal or {@code localhost} (on any
 * port: an SSH tunnel's local port differs from the daemon's), or the address the request arrived
 * on at the listening port. {@code Host} is not trusted: a rebound name (rebind.example resolving
 * to 127.0.0.1) sends its own name in both, and a browser never gives such a page a loopback
 * origin.
 */
final class PageOrigin {
  private final String publicOrigin;

  /**
   * @param publicUrl where users reach the page, or null
   */
  PageOrigin(HttpUrl publicUrl) {
    this.publicOrigin = publicUrl == null ? null : of(publicUrl);
  }

  static String of(HttpUrl url) {
    boolean defaultPort = url.port() == HttpUrl.defaultPort(url.scheme());
    return url.scheme() + "://" + url.host() + (defaultPort ? "" : ":" + url.port());
  }

  boolean allows(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin == null || origin.isEmpty() || origin.equals("null")) {
      return false;
    }
    if (publicOrigin != null) {
      return origin.equalsIgnoreCase(publicOrigin);
    }
    HttpUrl url = HttpUrl.parse(origin);
    if (url == null || !url.scheme().equals("http") || !origin.equalsIgnoreCase(of(url))) {
      return false;
    }
    if (isLoopback(url.host())) {
      return true;
    }
    // The address the page was opened at, e.g. a LAN address the daemon listens on.
    InetSocketAddress local = exchange.getLocalAddress();
    HttpUrl own = HttpUrl.parse("http://" + hostForm(local.getAddress().getHostAddress()));
    return own != null && url.port() == local.getPort() && url.host().equals(own.host());
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }

  private static String hostForm(String address) {
    // getHostAddress may carry a scope ("fe80::1%eth0"), which no origin names.
    int scope = address.indexOf('%');
    String bare = scope < 0 ? address : address.substring(0, scope);
    return bare.contains(":") ? "[" + bare + "]/" : bare + "/";
  }
}
