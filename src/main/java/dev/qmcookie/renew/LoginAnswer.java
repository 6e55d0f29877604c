package dev.qmcookie.renew;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieRecord;
import java.time.Instant;
import java.util.List;

/**
 * The renewal's answer reading and merge table, for the first login by QR code: its code exchange
 * answers with the same fields a renewal does, so one table maps both.
 */
public final class LoginAnswer {
  private LoginAnswer() {}

  /**
   * Merges an answer's {@code data} into {@code start} as a renewal would: the Set-Cookie headers
   * first, then the mapped fields; the metadata gets {@code keyExpiresIn} and {@code refresh_key}.
   */
  public static CookieRecord merge(
      CookieRecord start, JsonNode data, List<Cookie> setCookies, Instant now) {
    return CookieMerge.merge(start, data, setCookies, now);
  }

  /** A field as text, "" when absent, null or 0 (which the protocol treats as no value). */
  public static String text(JsonNode node, String field) {
    return ResponseReader.text(node, field);
  }
}
