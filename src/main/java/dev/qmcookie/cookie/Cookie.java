package dev.qmcookie.cookie;

import java.util.Locale;
import java.util.Objects;

/**
 * One cookie with all its attributes. A domain with a leading dot applies to subdomains too; one
 * without is host-only, as browsers report them. {@code expires} is Unix seconds, or {@link
 * #SESSION} for a session cookie. {@link #toString()} masks the value.
 */
public record Cookie(
    String name,
    String value,
    String domain,
    String path,
    long expires,
    boolean httpOnly,
    boolean secure,
    SameSite sameSite) {

  /** The {@code expires} of a session cookie. */
  public static final long SESSION = -1;

  /** The domain that pairs from a header string get. */
  public static final String DEFAULT_DOMAIN = ".qq.com";

  public Cookie {
    Objects.requireNonNull(name, "name");
    value = value == null ? "" : value;
    domain = domain == null ? DEFAULT_DOMAIN : domain.trim().toLowerCase(Locale.ROOT);
    path = path == null || path.isEmpty() ? "/" : path;
    expires = expires < 0 ? SESSION : expires;
    sameSite = sameSite == null ? SameSite.UNSPECIFIED : sameSite;
  }

  /**
   * A session cookie on {@code .qq.com}, path {@code /}: what a pair from a header string becomes.
   */
  public static Cookie of(String name, String value) {
    return new Cookie(
        name, value, DEFAULT_DOMAIN, "/", SESSION, false, false, SameSite.UNSPECIFIED);
  }

  public boolean isSession() {
    return expires == SESSION;
  }

  /** True when the cookie is sent to subdomains of its domain (the domain has a leading dot). */
  public boolean includesSubdomains() {
    return domain.startsWith(".");
  }

  /** The domain without the leading dot. */
  public String bareDomain() {
    return includesSubdomains() ? domain.substring(1) : domain;
  }

  /** True when a browser would send this cookie to {@code host}. */
  public boolean appliesTo(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    String bare = bareDomain();
    if (bare.isEmpty() || h.equals(bare)) {
      return true;
    }
    return includesSubdomains() && h.endsWith("." + bare);
  }

  /** True when this and {@code other} are the same cookie slot: name, domain and path. */
  public boolean sameSlot(Cookie other) {
    return name.equals(other.name) && domain.equals(other.domain) && path.equals(other.path);
  }

  public Cookie withValue(String newValue) {
    return new Cookie(name, newValue, domain, path, expires, httpOnly, secure, sameSite);
  }

  @Override
  public String toString() {
    return "Cookie{"
        + name
        + "="
        + Secrets.mask(value)
        + "; domain="
        + domain
        + "; path="
        + path
        + "}";
  }
}
