package dev.qmcookie.cookie;

import java.util.Objects;

/** An account's stored login: the full cookie set and its metadata. */
public record CookieRecord(CookieSet cookies, CookieMetadata metadata) {
  public CookieRecord {
    Objects.requireNonNull(cookies, "cookies");
    metadata = metadata == null ? CookieMetadata.NONE : metadata;
  }

  public CookieRecord withCookies(CookieSet newCookies) {
    return new CookieRecord(newCookies, metadata);
  }

  public CookieRecord withMetadata(CookieMetadata newMetadata) {
    return new CookieRecord(cookies, newMetadata);
  }

  /** The QQ Music view of the cookies. */
  public MusicLogin login() {
    return MusicLogin.of(cookies);
  }
}
