package dev.qmcookie.cookie;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shared sample cookies for tests. Every value here is FAKE. */
public final class SampleCookies {
  /** The fixed "now" of every test. */
  public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  /** When the sample key was issued: two hours before {@link #NOW}, in Unix seconds. */
  public static final long KEY_CREATED = NOW.minus(Duration.ofHours(2)).getEpochSecond();

  /** A persistent cookie's expiry: a year after {@link #NOW}. */
  public static final long LATER = NOW.plus(Duration.ofDays(365)).getEpochSecond();

  public static final String UIN = "2200000001";
  public static final String MUSIC_KEY =
      "Q_H_L_5FAKEmusicKEYfakeFAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKEfake0123456789Z";
  public static final String WX_MUSIC_KEY = "W_X_FAKEwechatKEYfakeFAKEfakeFAKEfakeFAKE0123456789Z";
  public static final String REFRESH_TOKEN = "FAKEREFRESH0123456789abcdef0123A";
  public static final String ACCESS_TOKEN = "FAKEACCESS00123456789abcdef0123B";
  public static final String OPENID = "FAKEOPENID00123456789abcdef0123C";
  public static final String UNIONID = "FAKEUNIONID0123456789abcdef0123D";
  public static final String REFRESH_KEY = "FAKEREFRESHKEY456789abcdef0123E";

  /** The values that must never be shown whole. */
  public static final List<String> SECRETS =
      List.of(MUSIC_KEY, WX_MUSIC_KEY, REFRESH_TOKEN, ACCESS_TOKEN, OPENID, UNIONID, REFRESH_KEY);

  private SampleCookies() {}

  /**
   * The pairs of a full QQ-login cookie as copied from the browser (about thirty, in browser
   * order), with values containing '=', '/', '|', '@', '*' and empty ones.
   */
  public static List<Map.Entry<String, String>> headerPairs() {
    return List.of(
        Map.entry("pgv_pvid", "1234567890"),
        Map.entry("fqm_pvqid", "0f1e2d3c-aaaa-bbbb-cccc-000000000001"),
        Map.entry("ts_refer", "www.example.test/"),
        Map.entry("ts_uid", "9876543210"),
        Map.entry("RK", "FakeRK01ab"),
        Map.entry("ptcz", "fakeptcz0123456789abcdef"),
        Map.entry("fqm_sessionid", "0f1e2d3c-aaaa-bbbb-cccc-000000000002"),
        Map.entry("pgv_info", "ssid=s1234567890"),
        Map.entry("ts_last", "y.qq.com/"),
        Map.entry("_qpsvr_localtk", "0.123456789"),
        Map.entry("login_type", "1"),
        Map.entry("wxopenid", ""),
        Map.entry("psrf_musickey_createtime", Long.toString(KEY_CREATED)),
        Map.entry("euin", "oFakeEuin0123**"),
        Map.entry("uin", UIN),
        Map.entry("wxunionid", ""),
        Map.entry("music_ignore_pskey", "202306271436Hn@vBj"),
        Map.entry("wxrefresh_token", ""),
        Map.entry("qqmusic_key", MUSIC_KEY),
        Map.entry("qm_keyst", MUSIC_KEY),
        Map.entry("psrf_qqrefresh_token", REFRESH_TOKEN),
        Map.entry("psrf_qqunionid", UNIONID),
        Map.entry("tmeLoginType", "2"),
        Map.entry("psrf_qqaccess_token", ACCESS_TOKEN),
        Map.entry("psrf_access_token_expiresAt", Long.toString(KEY_CREATED + 7 * 86_400)),
        Map.entry("psrf_qqopenid", OPENID),
        Map.entry("pac_uid", "0_fake01"),
        Map.entry("_clck", "fakeclck|1|f0|0"),
        Map.entry("yq_index", "0"),
        Map.entry("yplayer_open", "0"),
        Map.entry("ptui_loginuin", UIN));
  }

  /** {@link #headerPairs()} as the browser sends them: {@code k=v; k=v}. */
  public static String headerString() {
    return headerPairs().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  /** {@link #headerPairs()} as the cookies a header string yields. */
  public static CookieSet qqLogin() {
    List<Cookie> cookies = new ArrayList<>();
    for (Map.Entry<String, String> e : headerPairs()) {
      cookies.add(Cookie.of(e.getKey(), e.getValue()));
    }
    return CookieSet.of(cookies);
  }

  /**
   * Cookies as a browser reports them, covering every attribute: domain and host-only cookies,
   * session and persistent ones, HttpOnly, Secure, each SameSite, a non-root path, an empty value,
   * and the name {@code uin} on three domains (graph.qq.com first, which y.qq.com does not see).
   */
  public static CookieSet browserCookies() {
    return CookieSet.of(
        List.of(
            new Cookie(
                "uin", "9999999", "graph.qq.com", "/", LATER, false, false, SameSite.UNSPECIFIED),
            new Cookie("uin", UIN, ".qq.com", "/", LATER, false, false, SameSite.UNSPECIFIED),
            new Cookie("qqmusic_key", MUSIC_KEY, ".qq.com", "/", LATER, false, true, SameSite.LAX),
            new Cookie(
                "qm_keyst",
                MUSIC_KEY,
                ".qq.com",
                "/",
                Cookie.SESSION,
                false,
                false,
                SameSite.UNSPECIFIED),
            new Cookie(
                "psrf_musickey_createtime",
                Long.toString(KEY_CREATED),
                ".qq.com",
                "/",
                LATER,
                false,
                false,
                SameSite.UNSPECIFIED),
            new Cookie(
                "psrf_qqrefresh_token",
                REFRESH_TOKEN,
                ".qq.com",
                "/",
                LATER,
                true,
                true,
                SameSite.NONE),
            new Cookie(
                "psrf_qqaccess_token",
                ACCESS_TOKEN,
                ".qq.com",
                "/",
                LATER,
                true,
                false,
                SameSite.UNSPECIFIED),
            new Cookie(
                "psrf_qqopenid", OPENID, ".qq.com", "/", LATER, false, false, SameSite.UNSPECIFIED),
            new Cookie(
                "psrf_qqunionid",
                UNIONID,
                ".qq.com",
                "/",
                LATER,
                false,
                false,
                SameSite.UNSPECIFIED),
            new Cookie(
                "p_skey", "fakePskey0123456789", "y.qq.com", "/", LATER, true, true, SameSite.NONE),
            new Cookie(
                "pt_token",
                "fakePtToken0123",
                "graph.qq.com",
                "/",
                Cookie.SESSION,
                true,
                true,
                SameSite.STRICT),
            new Cookie(
                "uin",
                "o" + UIN,
                ".y.qq.com",
                "/portal",
                Cookie.SESSION,
                false,
                false,
                SameSite.LAX),
            new Cookie(
                "wxopenid", "", ".qq.com", "/", Cookie.SESSION, false, false, SameSite.UNSPECIFIED),
            new Cookie("login_type", "1", ".qq.com", "/", LATER, false, false, SameSite.STRICT)));
  }

  /** Metadata with every field set. */
  public static CookieMetadata fullMetadata() {
    return new CookieMetadata(
        259_200L,
        REFRESH_KEY,
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
        NOW.minus(Duration.ofDays(3)),
        NOW.minus(Duration.ofHours(2)),
        "import:cookie-editor");
  }

  /** A record with {@link #browserCookies()} and {@link #fullMetadata()}. */
  public static CookieRecord fullRecord() {
    return new CookieRecord(browserCookies(), fullMetadata());
  }

  /** A test resource under {@code dev/qmcookie/cookie/}, as text. */
  public static String resource(String name) {
    try (InputStream in = SampleCookies.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
