package dev.qmcookie.cli;

import java.time.Duration;
import java.time.Instant;

/** Fake login cookies, as a browser's devtools would show them. No value here is real. */
final class QqLogin {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String UIN = "123456789";
  static final String KEY = "Q_H_L_63k3NoldKEYoldKEYoldKEY01";
  static final String REFRESH_TOKEN = "REFRESHold000000000001";
  static final String ACCESS_TOKEN = "ACCESSold0000000000001";
  static final String OPENID = "OPENID00000000000000000001";
  static final String UNIONID = "UNIONID0000000000000000001";
  static final String EUIN = "oKoAoFAKEoc7Nv**";
  static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0";

  private QqLogin() {}

  /** A QQ login header string whose key was issued {@code age} before {@link #NOW}. */
  static String header(Duration age) {
    return header(UIN, KEY, NOW.minus(age));
  }

  static String header(String uin, String key, Instant keyCreated) {
    long created = keyCreated.getEpochSecond();
    return "pgv_pvid=8403187130; fqm_pvqid=89ea2830-0dd4-4f5a-bc4e-a6d0a7f5d3e1; ts_refer=ADTAGmyqq;"
        + " RK=Ao9lzFAKE; ptcz=0f3e9c4bFAKE; pgv_info=ssid=s1234567; ts_last=y.qq.com/;"
        + " login_type=1; wxopenid=; psrf_musickey_createtime="
        + created
        + "; euin="
        + EUIN
        + ";"
        + " uin="
        + uin
        + "; wxunionid=; wxrefresh_token=; qqmusic_key="
        + key
        + ";"
        + " qm_keyst="
        + key
        + "; psrf_qqrefresh_token="
        + REFRESH_TOKEN
        + ";"
        + " psrf_qqunionid="
        + UNIONID
        + "; tmeLoginType=2; psrf_qqaccess_token="
        + ACCESS_TOKEN
        + ";"
        + " psrf_access_token_expiresAt="
        + (created + Duration.ofDays(7).toSeconds())
        + ";"
        + " psrf_qqopenid="
        + OPENID;
  }

  /** A WeChat login header string whose key was issued {@code age} before {@link #NOW}. */
  static String wechatHeader(Duration age) {
    long created = NOW.minus(age).getEpochSecond();
    return "pgv_pvid=8403187130; login_type=2; wxuin=o0987654321; uin=987654321;"
        + " qqmusic_key=W_X_63B0aWxoldWECHATkey01; qm_keyst=W_X_63B0aWxoldWECHATkey01;"
        + " psrf_musickey_createtime="
        + created
        + "; wxopenid=WXOPENID0000000001;"
        + " wxunionid=WXUNIONID000000001; wxrefresh_token=WXREFRESH00000001;"
        + " wxaccess_token=WXACCESS000000001; tmeLoginType=1; euin=oWXFAKE**";
  }
}
