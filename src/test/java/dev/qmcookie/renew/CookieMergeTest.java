package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.SameSite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookieMergeTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  static CookieRecord qqRecord() {
    List<Cookie> cookies = new ArrayList<>();
    cookies.add(Cookie.of("pgv_info", "ssid=s1"));
    cookies.add(Cookie.of("uin", "123456789"));
    cookies.add(Cookie.of("qqmusic_key", "Q_H_L_old"));
    cookies.add(Cookie.of("qm_keyst", "Q_H_L_old"));
    cookies.add(Cookie.of("psrf_musickey_createtime", "1795500000"));
    cookies.add(Cookie.of("psrf_qqrefresh_token", "R_old"));
    cookies.add(Cookie.of("psrf_qqaccess_token", "A_old"));
    cookies.add(Cookie.of("psrf_qqopenid", "O_old"));
    cookies.add(Cookie.of("psrf_qqunionid", "U_old"));
    cookies.add(Cookie.of("psrf_access_token_expiresAt", "1796000000"));
    cookies.add(Cookie.of("euin", "oE_old"));
    cookies.add(Cookie.of("tmeLoginType", "2"));
    cookies.add(Cookie.of("login_type", "1"));
    return new CookieRecord(CookieSet.of(cookies), CookieMetadata.NONE);
  }

  static CookieRecord merge(CookieRecord old, String data, Cookie... setCookies) throws Exception {
    JsonNode node = JSON.readTree(data);
    return CookieMerge.merge(old, node, List.of(setCookies), NOW);
  }

  @Test
  void musicKeyGoesToBothKeyCookiesAndLoginTypeToTmeLoginType() throws Exception {
    CookieRecord merged =
        merge(
            qqRecord(),
            "{\"musickey\":\"Q_H_L_new\",\"musickeyCreateTime\":1795580000,\"loginType\":2}");

    CookieSet c = merged.cookies();
    assertThat(c.valueOrEmpty("qqmusic_key")).isEqualTo("Q_H_L_new");
    assertThat(c.valueOrEmpty("qm_keyst")).isEqualTo("Q_H_L_new");
    assertThat(c.valueOrEmpty("psrf_musickey_createtime")).isEqualTo("1795580000");
    assertThat(c.valueOrEmpty("tmeLoginType")).isEqualTo("2");
    // login_type is on the opposite scale and is not the API's loginType.
    assertThat(c.valueOrEmpty("login_type")).isEqualTo("1");
  }

  @Test
  void tokensAndIdsReplaceTheirCookies() throws Exception {
    CookieRecord merged =
        merge(
            qqRecord(),
            "{\"musickey\":\"Q_H_L_new\",\"refresh_token\":\"R_new\",\"access_token\":\"A_new\","
                + "\"openid\":\"O_new\",\"unionid\":\"U_new\",\"expired_at\":1796600000,\"encryptUin\":\"oE_new\"}");

    CookieSet c = merged.cookies();
    assertThat(c.valueOrEmpty("psrf_qqrefresh_token")).isEqualTo("R_new");
    assertThat(c.valueOrEmpty("psrf_qqaccess_token")).isEqualTo("A_new");
    assertThat(c.valueOrEmpty("psrf_qqopenid")).isEqualTo("O_new");
    assertThat(c.valueOrEmpty("psrf_qqunionid")).isEqualTo("U_new");
    assertThat(c.valueOrEmpty("psrf_access_token_expiresAt")).isEqualTo("1796600000");
    assertThat(c.valueOrEmpty("euin")).isEqualTo("oE_new");
  }

  @Test
  void emptyNullAndZeroValuesNeverOverwrite() throws Exception {
    CookieRecord old = qqRecord();
    CookieRecord merged =
        merge(
            old,
            "{\"musickey\":\"Q_H_L_new\",\"musickeyCreateTime\":1795580000,\"refresh_token\":\"\","
                + "\"access_token\":null,\"openid\":0,\"unionid\":\"0\",\"expired_at\":0,\"encryptUin\":\"\","
                + "\"loginType\":0}");

    CookieSet c = merged.cookies();
    assertThat(c.valueOrEmpty("psrf_qqrefresh_token")).isEqualTo("R_old");
    assertThat(c.valueOrEmpty("psrf_qqaccess_token")).isEqualTo("A_old");
    assertThat(c.valueOrEmpty("psrf_qqopenid")).isEqualTo("O_old");
    assertThat(c.valueOrEmpty("psrf_qqunionid")).isEqualTo("U_old");
    assertThat(c.valueOrEmpty("psrf_access_token_expiresAt")).isEqualTo("1796000000");
    assertThat(c.valueOrEmpty("euin")).isEqualTo("oE_old");
    assertThat(c.valueOrEmpty("tmeLoginType")).isEqualTo("2");
  }

  @Test
  void everyOtherCookieKeepsItsValueAttributesAndPlace() throws Exception {
    CookieRecord old = qqRecord();
    CookieRecord merged =
        merge(old, "{\"musickey\":\"Q_H_L_new\",\"musickeyCreateTime\":1795580000}");

    List<Cookie> before = old.cookies().asList();
    List<Cookie> after = merged.cookies().asList();
    assertThat(after).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i).name()).isEqualTo(before.get(i).name());
      assertThat(after.get(i).domain()).isEqualTo(before.get(i).domain());
    }
    assertThat(after.get(0)).isEqualTo(before.get(0));
    assertThat(old.cookies().valueOrEmpty("qqmusic_key"))
        .as("the input is not changed")
        .isEqualTo("Q_H_L_old");
  }

  @Test
  void aNewKeyWithoutItsCreateTimeIsStampedNow() throws Exception {
    CookieRecord merged = merge(qqRecord(), "{\"musickey\":\"Q_H_L_new\"}");

    assertThat(merged.cookies().valueOrEmpty("psrf_musickey_createtime"))
        .isEqualTo(Long.toString(NOW.getEpochSecond()));
  }

  @Test
  void keyLifetimeAndRefreshKeyGoToTheMetadata() throws Exception {
    CookieRecord merged =
        merge(
            qqRecord(),
            "{\"musickey\":\"Q_H_L_new\",\"keyExpiresIn\":259200,\"refresh_key\":\"RK1\"}");

    assertThat(merged.metadata().keyExpiresIn()).isEqualTo(259200L);
    assertThat(merged.metadata().refreshKey()).isEqualTo("RK1");
    assertThat(merged.metadata().renewedAt()).isEqualTo(NOW);
  }

  @Test
  void setCookieHeadersApplyFirstAndTheJsonFieldsWin() throws Exception {
    Cookie fromHeader =
        new Cookie(
            "qqmusic_key",
            "Q_H_L_header",
            ".qq.com",
            "/",
            NOW.getEpochSecond() + 86400,
            false,
            false,
            SameSite.UNSPECIFIED);
    Cookie extra =
        new Cookie("ts_uid", "777", ".qq.com", "/", Cookie.SESSION, false, false, SameSite.LAX);
    Cookie blank =
        new Cookie(
            "pgv_info", "", ".qq.com", "/", Cookie.SESSION, false, false, SameSite.UNSPECIFIED);

    CookieRecord merged =
        merge(qqRecord(), "{\"musickey\":\"Q_H_L_json\"}", fromHeader, extra, blank);

    assertThat(merged.cookies().valueOrEmpty("qqmusic_key")).isEqualTo("Q_H_L_json");
    assertThat(merged.cookies().valueOrEmpty("ts_uid")).isEqualTo("777");
    assertThat(merged.cookies().valueOrEmpty("pgv_info"))
        .as("an emptied cookie is ignored")
        .isEqualTo("ssid=s1");
  }

  @Test
  void aWechatAnswerGoesToTheWxCookies() throws Exception {
    List<Cookie> cookies = new ArrayList<>();
    for (String pair :
        List.of(
            "uin=987",
            "qqmusic_key=W_X_old",
            "qm_keyst=W_X_old",
            "psrf_musickey_createtime=1795500000",
            "wxrefresh_token=WR_old",
            "wxaccess_token=WA_old",
            "wxopenid=WO_old",
            "wxunionid=WU_old",
            "psrf_qqrefresh_token=")) {
      String[] kv = pair.split("=", 2);
      cookies.add(Cookie.of(kv[0], kv[1]));
    }
    CookieRecord old = new CookieRecord(CookieSet.of(cookies), CookieMetadata.NONE);

    CookieRecord merged =
        merge(
            old,
            "{\"musickey\":\"W_X_new\",\"refresh_token\":\"WR_new\",\"access_token\":\"WA_new\",\"openid\":\"WO_new\"}");

    CookieSet c = merged.cookies();
    assertThat(c.valueOrEmpty("qqmusic_key")).isEqualTo("W_X_new");
    assertThat(c.valueOrEmpty("wxrefresh_token")).isEqualTo("WR_new");
    assertThat(c.valueOrEmpty("wxaccess_token")).isEqualTo("WA_new");
    assertThat(c.valueOrEmpty("wxopenid")).isEqualTo("WO_new");
    assertThat(c.valueOrEmpty("wxunionid")).isEqualTo("WU_old");
    assertThat(c.valueOrEmpty("psrf_qqrefresh_token")).isEmpty();
  }
}
