package dev.qmcookie.qrlogin;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;

/**
 * A finished QR login: every cookie the flow set plus the music login from its answer, and the
 * metadata to store beside them (key lifetime, {@code refresh_key}, the flow's User-Agent, source).
 */
public record QrLoginResult(CookieSet cookies, CookieMetadata metadata) {
  /** The record to store, as a capture or an import would hand it over. */
  public CookieRecord record() {
    return new CookieRecord(cookies, metadata);
  }
}
