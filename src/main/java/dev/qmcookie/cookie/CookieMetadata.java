package dev.qmcookie.cookie;

import java.time.Instant;

/**
 * What is stored beside the cookies. Any field may be null when unknown.
 *
 * @param keyExpiresIn the key's lifetime in seconds as the renewal server last reported it
 * @param refreshKey the {@code refresh_key} the renewal server last returned (a secret)
 * @param userAgent the User-Agent of the browser that captured the cookie
 * @param importedAt when the cookie was imported or captured
 * @param renewedAt when it was last renewed
 * @param source how the cookie came in, for example {@code import:header}
 * @param shape the id of the renewal request shape that last worked ({@code a} or {@code b})
 * @param shapeSince when that shape first worked
 */
public record CookieMetadata(
    Long keyExpiresIn,
    String refreshKey,
    String userAgent,
    Instant importedAt,
    Instant renewedAt,
    String source,
    String shape,
    Instant shapeSince) {

  public static final CookieMetadata NONE = new CookieMetadata(null, null, null, null, null, null);

  /** Metadata of a cookie that has not been renewed by a known shape. */
  public CookieMetadata(
      Long keyExpiresIn,
      String refreshKey,
      String userAgent,
      Instant importedAt,
      Instant renewedAt,
      String source) {
    this(keyExpiresIn, refreshKey, userAgent, importedAt, renewedAt, source, null, null);
  }

  public CookieMetadata withKeyExpiresIn(Long seconds) {
    return new CookieMetadata(
        seconds, refreshKey, userAgent, importedAt, renewedAt, source, shape, shapeSince);
  }

  public CookieMetadata withRefreshKey(String key) {
    return new CookieMetadata(
        keyExpiresIn, key, userAgent, importedAt, renewedAt, source, shape, shapeSince);
  }

  public CookieMetadata withUserAgent(String ua) {
    return new CookieMetadata(
        keyExpiresIn, refreshKey, ua, importedAt, renewedAt, source, shape, shapeSince);
  }

  public CookieMetadata withImport(Instant at, String how) {
    return new CookieMetadata(
        keyExpiresIn, refreshKey, userAgent, at, renewedAt, how, shape, shapeSince);
  }

  public CookieMetadata withRenewedAt(Instant at) {
    return new CookieMetadata(
        keyExpiresIn, refreshKey, userAgent, importedAt, at, source, shape, shapeSince);
  }

  /**
   * With {@code worked} as the shape that renewed the cookie at {@code at}; the time is kept while
   * the shape stays the same, so that it says since when a shape works.
   */
  public CookieMetadata withShapeThatWorked(String worked, Instant at) {
    if (worked.equals(shape)) {
      return this;
    }
    return new CookieMetadata(
        keyExpiresIn, refreshKey, userAgent, importedAt, renewedAt, source, worked, at);
  }

  @Override
  public String toString() {
    return "CookieMetadata{keyExpiresIn="
        + keyExpiresIn
        + ", refreshKey="
        + Secrets.mask(refreshKey)
        + ", userAgent="
        + userAgent
        + ", importedAt="
        + importedAt
        + ", renewedAt="
        + renewedAt
        + ", source="
        + source
        + ", shape="
        + shape
        + ", shapeSince="
        + shapeSince
        + "}";
  }
}
