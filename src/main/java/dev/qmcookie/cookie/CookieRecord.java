package dev.qmcookie.cookie;

import java.util.Objects;

/** An account's stored login: the full cookie set and its metadata. */
public record CookieRecord(CookieSet cookies, CookieMetadata metadata) {
  public CookieRecord {
    Objects.requireNonNull(cookies, "cookies");
    metadata = metadata == null ? CookieMetadata.NONE : metadata;
  }

  /** The QQ Music view of the cookies. */
  public MusicLogin login() {
    return MusicLogin.of(cookies);
  }
}
