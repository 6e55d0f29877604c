package dev.qmcookie.renew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieRules;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.cookie.Secrets;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Builds the renewal requests of {@code docs/protocol.md}, for QQ and WeChat logins: shape A here,
 * shape B's body in {@link ShapeBRequest}.
 */
public final class RenewalRequests {
  /** The real renewal endpoint; the query parameters are added to any endpoint. */
  public static final String DEFAULT_ENDPOINT = "https://u6.y.qq.com/cgi-bin/musicu.fcg";

  /** Where shape B goes unless an endpoint is chosen, which then receives both shapes. */
  public static final String SHAPE_B_ENDPOINT = ShapeBRequest.DEFAULT_ENDPOINT;

  /** Sent when the cookie was imported without the capturing browser's User-Agent. */
  public static final String DEFAULT_USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/142.0.0.0 Safari/537.36";

  static final String SITE = "https://y.qq.com";

  /** The key both shapes send their request under, and so the key their answer is read from. */
  static final String REQUEST_KEY = "req1";

  static final String WECHAT_APP_ID = "wx48db31d50e334801";

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  // Request parameters that identify but do not authenticate; everything else is masked.
  private static final Set<String> PUBLIC_PARAMS =
      Set.of(
          "onlyNeedAccessToken",
          "forceRefreshToken",
          "expired_at",
          "musicid",
          "str_musicid",
          "musickeyCreateTime",
          "strAppid",
          "loginMode",
          "expired_in");

  private RenewalRequests() {}

  /** {@code endpoint} with the query the server expects: JSON out, UTF-8 in and out. */
  public static HttpUrl endpointUrl(HttpUrl endpoint) {
    return endpoint
        .newBuilder()
        .setQueryParameter("format", "json")
        .setQueryParameter("inCharset", "utf8")
        .setQueryParameter("outCharset", "utf8")
        .build();
  }

  /** The shape A POST that renews {@code record}'s key. */
  /**
   * Where shape B goes for {@code endpoint}: its own host when {@code endpoint} is shape A's
   * default, else the same override.
   */
  public static HttpUrl shapeBUrl(HttpUrl endpoint) {
    return ShapeBRequest.url(endpoint);
  }

  public static Request build(HttpUrl endpoint, CookieRecord record) {
    return build(endpoint, record, RenewalShape.A);
  }

  /**
   * The POST of {@code shape} that renews {@code record}'s key.
   *
   * @param endpoint the configured endpoint: shape A's default, or an override both shapes go to
   */
  public static Request build(HttpUrl endpoint, CookieRecord record, RenewalShape shape) {
    return shape == RenewalShape.A
        ? post(endpointUrl(endpoint), record, body(record.login()))
        : post(ShapeBRequest.url(endpoint), record, ShapeBRequest.body(record));
  }

  private static Request post(HttpUrl url, CookieRecord record, ObjectNode body) {
    String userAgent = record.metadata().userAgent();
    return new Request.Builder()
        .url(url)
        .header("Cookie", CookieFormats.header(record.cookies()))
        .header("Referer", SITE + "/")
        .header("Origin", SITE)
        .header("Accept", "application/json, text/plain, */*")
        .header("User-Agent", sendable(userAgent) ? userAgent : DEFAULT_USER_AGENT)
        .post(RequestBody.create(toJson(body), JSON))
        .build();
  }

  // A user agent stored by an older qmcookie may hold characters a header cannot carry; sending
  // the default beats failing every renewal.
  static boolean sendable(String userAgent) {
    return userAgent != null
        && !userAgent.isBlank()
        && CookieRules.unsendableCharacter(userAgent, false) == null;
  }

  /** The shape A request as {@code renew --dry-run} shows it: every secret masked. */
  public static String describe(HttpUrl endpoint, CookieRecord record) {
    return describe(endpoint, record, RenewalShape.A);
  }

  /** The request of {@code shape} as {@code renew --dry-run} shows it: every secret masked. */
  public static String describe(HttpUrl endpoint, CookieRecord record, RenewalShape shape) {
    Request request = build(endpoint, record, shape);
    StringBuilder out = new StringBuilder();
    out.append("shape ").append(shape.id()).append('\n');
    out.append(request.method()).append(' ').append(request.url()).append('\n');
    for (String name : request.headers().names()) {
      String value = request.header(name);
      if (name.equalsIgnoreCase("Cookie")) {
        value = maskedHeader(record);
      }
      out.append(name).append(": ").append(value).append('\n');
    }
    out.append('\n');
    ObjectNode body = shape == RenewalShape.A ? body(record.login()) : ShapeBRequest.body(record);
    maskParams((ObjectNode) body.path(REQUEST_KEY).path("param"));
    JsonNode comm = body.path("comm");
    if (comm.has("g_tk")) {
      // The g_tk is computed from the music key and vouches for it like a CSRF token.
      String masked = Secrets.mask(comm.get("g_tk").asText());
      ((ObjectNode) comm).put("g_tk", masked);
      ((ObjectNode) comm).put("g_tk_new_20200303", masked);
    }
    out.append(JsonTrees.pretty(body));
    return out.toString();
  }

  static ObjectNode body(MusicLogin login) {
    return login.kind() == LoginKind.WECHAT ? wechatBody(login) : qqBody(login);
  }

  private static ObjectNode qqBody(MusicLogin login) {
    ObjectNode root = JsonTrees.object();
    root.put("code", 0);
    ObjectNode req = root.putObject(REQUEST_KEY);
    req.put("code", 0);
    req.put("module", "QQConnectLogin.LoginServer");
    req.put("method", "QQLogin");
    ObjectNode p = req.putObject("param");
    p.put("onlyNeedAccessToken", 0);
    p.put("forceRefreshToken", 0);
    p.put("psrf_qqopenid", login.value(MusicLogin.QQ_OPENID));
    p.put("refresh_token", login.value(MusicLogin.QQ_REFRESH_TOKEN));
    p.put("access_token", login.value(MusicLogin.QQ_ACCESS_TOKEN));
    p.put("expired_at", login.accessTokenExpiresAt().orElse(0));
    p.put("musicid", login.musicId());
    p.put("musickey", login.musicKey());
    p.put("musickeyCreateTime", login.keyCreatedAt().orElse(0));
    p.put("unionid", login.value(MusicLogin.QQ_UNIONID));
    p.put("str_musicid", login.uin());
    p.put("encryptUin", login.value(MusicLogin.ENCRYPTED_UIN));
    return root;
  }

  private static ObjectNode wechatBody(MusicLogin login) {
    ObjectNode root = JsonTrees.object();
    root.putObject("comm").put("tmeLoginType", 1);
    ObjectNode req = root.putObject(REQUEST_KEY);
    req.put("module", "music.login.LoginServer");
    req.put("method", "Login");
    ObjectNode p = req.putObject("param");
    p.put("strAppid", WECHAT_APP_ID);
    p.put("musicid", login.musicId());
    p.put("str_musicid", login.uin());
    p.put("musickey", login.musicKey());
    p.put("openid", login.value(MusicLogin.WX_OPENID));
    p.put("unionid", login.value(MusicLogin.WX_UNIONID));
    p.put("refresh_token", login.value(MusicLogin.WX_REFRESH_TOKEN));
    p.put("access_token", login.value(MusicLogin.WX_ACCESS_TOKEN));
    p.put("loginMode", 2);
    return root;
  }

  private static String maskedHeader(CookieRecord record) {
    StringJoiner out = new StringJoiner("; ");
    for (Cookie c : record.cookies().forHost(dev.qmcookie.cookie.CookieSet.MUSIC_HOST)) {
      out.add(c.name() + "=" + Secrets.display(c.name(), c.value()));
    }
    return out.toString();
  }

  private static void maskParams(ObjectNode param) {
    for (Map.Entry<String, JsonNode> f : param.properties()) {
      if (f.getValue().isTextual() && !PUBLIC_PARAMS.contains(f.getKey())) {
        f.setValue(param.textNode(Secrets.mask(f.getValue().asText())));
      }
    }
  }

  private static String toJson(JsonNode node) {
    return JsonTrees.compact(node);
  }
}
