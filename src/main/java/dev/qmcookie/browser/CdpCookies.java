package dev.qmcookie.browser;

import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.SameSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the answer of CDP {@code Network.getAllCookies} into a cookie set. */
final class CdpCookies {
  private CdpCookies() {}

  @SuppressWarnings("unchecked")
  static CookieSet from(Map<String, Object> answer) {
    Object list = answer == null ? null : answer.get("cookies");
    List<Cookie> cookies = new ArrayList<>();
    if (list instanceof List<?> items) {
      for (Object item : items) {
        if (item instanceof Map<?, ?> m) {
          cookies.add(toCookie((Map<String, Object>) m));
        }
      }
    }
    return CookieSet.of(cookies);
  }

  // CDP gives domain cookies with their leading dot and host-only ones without, as the vault does.
  private static Cookie toCookie(Map<String, Object> m) {
    boolean session = Boolean.TRUE.equals(m.get("session"));
    double expires = m.get("expires") instanceof Number n ? n.doubleValue() : -1;
    return new Cookie(
        String.valueOf(m.get("name")),
        m.get("value") == null ? "" : String.valueOf(m.get("value")),
        String.valueOf(m.get("domain")),
        m.get("path") == null ? "/" : String.valueOf(m.get("path")),
        session || expires <= 0 ? Cookie.SESSION : (long) expires,
        Boolean.TRUE.equals(m.get("httpOnly")),
        Boolean.TRUE.equals(m.get("secure")),
        SameSite.parse(m.get("sameSite") == null ? null : String.valueOf(m.get("sameSite"))));
  }
}
