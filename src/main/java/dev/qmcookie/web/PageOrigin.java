package dev.qmcookie.web;

import com.sun.net.httpserver.HttpExchange;
import okhttp3.HttpUrl;

/**
 * Whether a POST comes from the page itself: its {@code Origin} must be the origin the request was
 * sent to ({@code Host}, over http or https) or the public URL's. A page elsewhere that makes the
 * browser post here sends its own origin, and is refused.
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
    if (origin.equalsIgnoreCase(publicOrigin)) {
      return true;
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    return host != null
        && !host.isEmpty()
        && (origin.equalsIgnoreCase("http://" + host)
            || origin.equalsIgnoreCase("https://" + host));
  }
}
