package dev.qmcookie.renew;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.cookie.MusicLogin;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a renewal answer into a new cookie record. Only the mapped pairs change; every other
 * cookie keeps its value, attributes and place. An empty or zero value never overwrites.
 */
final class CookieMerge {
  private CookieMerge() {}

  /** Response field → cookie(s), for each login kind. */
  static Map<String, List<String>> fieldMap(LoginKind kind) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("musickey", List.of(MusicLogin.MUSIC_KEY, MusicLogin.MUSIC_KEY_ALIAS));
    map.put("musickeyCreateTime", List.of(MusicLogin.KEY_CREATE_TIME));
    if (kind == LoginKind.WECHAT) {
      map.put("refresh_token", List.of(MusicLogin.WX_REFRESH_TOKEN));
      map.put("access_token", List.of(MusicLogin.WX_ACCESS_TOKEN));
      map.put("unionid", List.of(MusicLogin.WX_UNIONID));
      map.put("openid", List.of(MusicLogin.WX_OPENID));
    } else {
      map.put("refresh_token", List.of(MusicLogin.QQ_REFRESH_TOKEN));
      map.put("access_token", List.of(MusicLogin.QQ_ACCESS_TOKEN));
      map.put("unionid", List.of(MusicLogin.QQ_UNIONID));
      map.put("openid", List.of(MusicLogin.QQ_OPENID));
      map.put("expired_at", List.of(MusicLogin.ACCESS_TOKEN_EXPIRES_AT));
    }
    map.put("encryptUin", List.of(MusicLogin.ENCRYPTED_UIN));
    // loginType uses the API's scale, as tmeLoginType does; login_type uses the opposite one.
    map.put("loginType", List.of(MusicLogin.TME_LOGIN_TYPE));
    return map;
  }

  /**
   * @param setCookies cookies the answer set through Set-Cookie headers; applied first, so the JSON
   *     fields win
   */
  static CookieRecord merge(CookieRecord old, JsonNode data, List<Cookie> setCookies, Instant now) {
    LoginKind kind = old.login().kind();
    CookieSet cookies = old.cookies();
    for (Cookie c : setCookies) {
      if (!c.value().isEmpty()) {
        cookies = cookies.upsert(c);
      }
    }
    for (Map.Entry<String, List<String>> e : fieldMap(kind).entrySet()) {
      String value = ResponseReader.text(data, e.getKey());
      if (!value.isEmpty()) {
        for (String cookie : e.getValue()) {
          cookies = cookies.withValue(cookie, value);
        }
      }
    }
    // A new key without its issue time would look as old as the one it replaced and be renewed
    // again at once; the server issued it just now.
    boolean keyChanged = !old.login().musicKey().equals(MusicLogin.of(cookies).musicKey());
    if (keyChanged && ResponseReader.text(data, "musickeyCreateTime").isEmpty()) {
      cookies = cookies.withValue(MusicLogin.KEY_CREATE_TIME, Long.toString(now.getEpochSecond()));
    }

    CookieMetadata meta = old.metadata().withRenewedAt(now);
    String expiresIn = ResponseReader.text(data, "keyExpiresIn");
    if (expiresIn.matches("\\d{1,12}")) {
      meta = meta.withKeyExpiresIn(Long.parseLong(expiresIn));
    }
    String refreshKey = ResponseReader.text(data, "refresh_key");
    if (!refreshKey.isEmpty()) {
      meta = meta.withRefreshKey(refreshKey);
    }
    return new CookieRecord(cookies, meta);
  }
}
