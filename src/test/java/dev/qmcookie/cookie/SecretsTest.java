package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class SecretsTest {
  static final List<String> SECRETS = SampleCookies.SECRETS;

  @ParameterizedTest(name = "mask({0}) = {1}")
  @CsvSource(
      nullValues = "null",
      emptyValue = "EMPTY",
      value = {
        "Q_H_L_6f2abcdefA, Q_H_L_6***A",
        "W_X_7f2abcdefB, W_X_7***B",
        "abcdefghijklmnopqrstuvwxyz, a***z",
        "Q_H_L_abc, Q_H_L_***",
        "W_X_, W_X_***",
        "abcde, ***",
        "x, ***",
      })
  void masksSecretsKeepingOnlyPrefixAndEnds(String value, String masked) {
    assertThat(Secrets.mask(value)).isEqualTo(masked);
  }

  @Test
  void masksNothingToNothing() {
    assertThat(Secrets.mask(null)).isEmpty();
    assertThat(Secrets.mask("")).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("SECRETS")
  void aMaskedSecretShowsNeitherTheWholeValueNorItsMiddle(String secret) {
    String masked = Secrets.mask(secret);

    assertThat(masked).doesNotContain(secret).contains("***");
    assertThat(masked.length()).isLessThan(secret.length());
    assertThat(masked).doesNotContain(secret.substring(8, secret.length() - 8));
  }

  @Test
  void displayShowsPublicCookiesAndMasksTheRest() {
    assertThat(Secrets.display("uin", SampleCookies.UIN)).isEqualTo(SampleCookies.UIN);
    assertThat(Secrets.display("psrf_musickey_createtime", "1795000000")).isEqualTo("1795000000");
    assertThat(Secrets.display("login_type", "1")).isEqualTo("1");
    assertThat(Secrets.display("tmeLoginType", "2")).isEqualTo("2");
    assertThat(Secrets.display("qqmusic_key", SampleCookies.MUSIC_KEY))
        .isEqualTo(Secrets.mask(SampleCookies.MUSIC_KEY))
        .isNotEqualTo(SampleCookies.MUSIC_KEY);
    assertThat(Secrets.display("psrf_qqaccess_token", SampleCookies.ACCESS_TOKEN))
        .isEqualTo(Secrets.mask(SampleCookies.ACCESS_TOKEN));
    assertThat(Secrets.isPublic("uin")).isTrue();
    assertThat(Secrets.isPublic("qm_keyst")).isFalse();
    assertThat(Secrets.isPublic("Uin")).isFalse();
  }

  @ParameterizedTest
  @FieldSource("SECRETS")
  void toStringsNeverContainASecretValue(String secret) {
    Cookie cookie = new Cookie("qqmusic_key", secret, ".qq.com", "/", -1, true, true, SameSite.LAX);
    CookieSet set = CookieSet.of(List.of(Cookie.of("uin", "1"), cookie));
    CookieMetadata meta = SampleCookies.fullMetadata().withRefreshKey(secret);
    CookieRecord record = new CookieRecord(set, meta);
    ParsedCookies parsed = new ParsedCookies(CookieFormat.JSON, record);

    assertThat(cookie.toString())
        .doesNotContain(secret)
        .contains("qqmusic_key")
        .contains(Secrets.mask(secret));
    assertThat(set.toString()).doesNotContain(secret).contains("uin");
    assertThat(meta.toString()).doesNotContain(secret).contains(meta.userAgent());
    assertThat(record.toString()).doesNotContain(secret);
    assertThat(parsed.toString()).doesNotContain(secret);
  }

  @Test
  void theFullSampleRecordPrintsWithoutAnySecret() {
    String text = SampleCookies.fullRecord().toString() + SampleCookies.qqLogin();

    for (String secret : SECRETS) {
      assertThat(text).doesNotContain(secret);
    }
    assertThat(text).contains("qqmusic_key").contains("psrf_qqrefresh_token");
  }

  @Test
  void theRenewabilityErrorNamesFieldsButNoSecret() {
    CookieSet cookies =
        CookieSet.of(
            List.of(
                Cookie.of("qqmusic_key", SampleCookies.MUSIC_KEY),
                Cookie.of("psrf_qqrefresh_token", SampleCookies.REFRESH_TOKEN),
                Cookie.of("psrf_qqopenid", SampleCookies.OPENID)));

    assertThatThrownBy(() -> MusicLogin.of(cookies).requireRenewable())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing uin")
        .hasMessageNotContaining(SampleCookies.MUSIC_KEY)
        .hasMessageNotContaining(SampleCookies.REFRESH_TOKEN)
        .hasMessageNotContaining(SampleCookies.OPENID);
  }

  @Test
  void parseErrorsOfJsonInputsNeverQuoteAValue() {
    String json =
        "[{\"name\":\"qqmusic_key\",\"value\":\""
            + SampleCookies.MUSIC_KEY
            + "\",\"expirationDate\":\"soon\",\"domain\":\".qq.com\"}]";

    assertThatThrownBy(() -> CookieFormats.read(json))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("qqmusic_key")
        .hasMessageNotContaining(SampleCookies.MUSIC_KEY);
  }
}
