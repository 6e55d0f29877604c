package dev.qmcookie.store;

import dev.qmcookie.failure.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A store's address, {@code redis://[user:password@]host[:port][/db]} or {@code rediss://…} for
 * TLS. Its {@link #toString()} leaves the password out.
 */
record StoreUrl(boolean tls, String user, String password, String host, int port, int db) {
  static final String ACCEPTED =
      "redis://[user:password@]host:port/db, or rediss://… for TLS (e.g. redis://127.0.0.1:6379/0)";

  private static final int DEFAULT_PORT = 6379;
  private static final Pattern DB = Pattern.compile("/?|/(0|[1-9][0-9]{0,3})");

  /**
   * @throws InvalidInputException naming the accepted forms, never the password
   */
  static StoreUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw refused("no store URL was given");
    }
    String stripped = text.strip();
    // The user info runs to the last '@', so that a password may hold '/' or '@' unescaped, which
    // java.net.URI would take for the path or the host.
    int schemeEnd = stripped.indexOf("://");
    int at = stripped.lastIndexOf('@');
    String userInfo = null;
    String withoutUserInfo = stripped;
    if (schemeEnd >= 0 && at > schemeEnd) {
      userInfo = stripped.substring(schemeEnd + 3, at);
      withoutUserInfo = stripped.substring(0, schemeEnd + 3) + stripped.substring(at + 1);
    }
    URI uri;
    try {
      uri = new URI(withoutUserInfo);
    } catch (URISyntaxException e) {
      throw refused("the store URL " + describe(text) + " cannot be read");
    }
    String scheme = uri.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw refused("the store URL " + describe(text) + " is not a redis:// or rediss:// URL");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (uri.getHost() == null
        || uri.getRawUserInfo() != null
        || !DB.matcher(path).matches()
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw refused("the store URL " + describe(text) + " is not of the accepted form");
    }
    String user = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      try {
        user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
      } catch (IllegalArgumentException badEscape) {
        throw refused("the store URL " + describe(text) + " cannot be read");
      }
      if (user.isEmpty()) {
        user = null;
      }
    }
    int db = path.length() > 1 ? Integer.parseInt(path.substring(1)) : 0;
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    String host = uri.getHost();
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1); // an IPv6 address, as a socket takes it
    }
    return new StoreUrl("rediss".equals(scheme), user, password, host, port, db);
  }

  /**
   * A URL as given, with everything between "://" and its last '@' masked (where a password may
   * stand, even one that holds '/' or '@'), for messages.
   */
  static String describe(String text) {
    if (text == null) {
      return "(none)";
    }
    String stripped = text.strip();
    int schemeEnd = stripped.indexOf("://");
    int at = stripped.lastIndexOf('@');
    if (at < 0) {
      return stripped;
    }
    return at > schemeEnd && schemeEnd >= 0
        ? stripped.substring(0, schemeEnd + 3) + "***" + stripped.substring(at)
        : "***" + stripped.substring(at);
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static InvalidInputException refused(String what) {
    return new InvalidInputException(what + ": use " + ACCEPTED);
  }

  /**
   * The address without the password. A user beside a password stays, since it tells stores apart;
   * a lone user info is masked, as redis-cli and many clients take {@code redis://secret@host} for
   * a password.
   */
  @Override
  public String toString() {
    return (tls ? "rediss://" : "redis://")
        + (user == null ? "" : password == null ? "***@" : user + "@")
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + "/"
        + db;
  }
}
