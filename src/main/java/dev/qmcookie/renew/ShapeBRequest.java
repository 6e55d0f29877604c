package dev.qmcookie.renew;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.cookie.MusicLogin;
import okhttp3.HttpUrl;

/**
 * The body and address of a shape B renewal ({@code music.login.LoginServer / Login} with the web
 * {@code comm}), for QQ and WeChat logins, as {@code docs/protocol.md} describes it.
 */
final class ShapeBRequest {
  /** Where the reference library posts shape B: another host than shape A, and no query. */
  static final String DEFAULT_ENDPOINT = "https://u.y.qq.com/cgi-bin/musicu.fcg";

  private static final HttpUrl SHAPE_A_DEFAULT = HttpUrl.get(RenewalRequests.DEFAULT_ENDPOINT);

  private ShapeBRequest() {}

  /**
   * Shape B's own endpoint unless {@code endpoint} was chosen by the user: an override (a proxy, a
   * local stand-in) must receive both shapes, or auto fallback would leak to the real server.
   */
  static HttpUrl url(HttpUrl endpoint) {
    return endpoint.equals(SHAPE_A_DEFAULT) ? HttpUrl.get(DEFAULT_ENDPOINT) : endpoint;
  }

  static ObjectNode body(CookieRecord record) {
    MusicLogin login = record.login();
    boolean wechat = login.kind() == LoginKind.WECHAT;
    String refreshKey =
        record.metadata().refreshKey() == null ? "" : record.metadata().refreshKey();
    ObjectNode root = JsonTrees.object();
    int gTk = Hash33.gTk(login.musicKey());
    ObjectNode comm = root.putObject("comm");
    comm.put("ct", 24);
    comm.put("cv", 4747474);
    comm.put("platform", "yqq.json");
    comm.put("uin", login.musicId());
    comm.put("g_tk", gTk);
    comm.put("g_tk_new_20200303", gTk);
    comm.put("need_new_code", 1);
    // tmeLoginType: 2 is QQ, 1 is WeChat (the opposite of the login_type cookie).
    comm.put("tmeLoginType", wechat ? 1 : 2);
    // The reference library uses req_0; a browser-like client sends req1, as shape A does.
    ObjectNode req = root.putObject(RenewalRequests.REQUEST_KEY);
    req.put("module", "music.login.LoginServer");
    req.put("method", "Login");
    ObjectNode p = req.putObject("param");
    if (wechat) {
      p.put("openid", login.value(MusicLogin.WX_OPENID));
      p.put("refresh_token", login.value(MusicLogin.WX_REFRESH_TOKEN));
      p.put("str_musicid", login.uin());
      p.put("musickey", login.musicKey());
      p.put("unionid", login.value(MusicLogin.WX_UNIONID));
    } else {
      p.put("openid", login.value(MusicLogin.QQ_OPENID));
      p.put("access_token", login.value(MusicLogin.QQ_ACCESS_TOKEN));
      p.put("refresh_token", login.value(MusicLogin.QQ_REFRESH_TOKEN));
      p.put("expired_in", login.accessTokenExpiresAt().orElse(0));
      p.put("musicid", login.musicId());
      p.put("musickey", login.musicKey());
    }
    p.put("refresh_key", refreshKey);
    p.put("loginMode", 2);
    return root;
  }
}
