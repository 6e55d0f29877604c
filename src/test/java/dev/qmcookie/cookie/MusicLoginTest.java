package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MusicLoginTest {
  static MusicLogin login(String header) {
    return MusicLogin.of(CookieFormats.read(header).record().cookies());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "qqmusic_key=W_X_abc; login_type=1 | WECHAT",
        "qqmusic_key=Q_H_L_abc; login_type=2 | QQ",
        "qm_keyst=W_X_abc | WECHAT",
        "login_type=2 | WECHAT",
        "login_type=1 | QQ",
        "tmeLoginType=1 | WECHAT",
        "tmeLoginType=2 | QQ",
        "wxrefresh_token=r | WECHAT",
        "uin=1 | QQ",
      })
  void theLoginKindComesFromTheKeyThenTheLoginFields(String header, LoginKind kind) {
    assertThat(login(header).kind()).isEqualTo(kind);
  }

  @Test
  void everyMissingFieldIsNamedAtOnce() {
    MusicLogin l = login("pgv_pvid=1; psrf_musickey_createtime=soon");

    assertThat(l.problems())
        .containsExactly(
            "missing uin",
            "missing qqmusic_key (or qm_keyst)",
            "psrf_musickey_createtime is not a Unix time (\"soon\")",
            "missing psrf_qqrefresh_token",
            "missing psrf_qqaccess_token",
            "missing psrf_qqopenid",
            "missing psrf_qqunionid");
    assertThatThrownBy(l::requireRenewable)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot be renewed")
        .hasMessageContaining("missing psrf_qqunionid");
  }

  @Test
  void aWechatLoginNeedsItsOwnTokens() {
    MusicLogin l = login("wxuin=o0987654321; qqmusic_key=W_X_k; psrf_musickey_createtime=1795500000; wxopenid=o");

    assertThat(l.uin()).isEqualTo("987654321");
    assertThat(l.problems()).containsExactly("missing wxrefresh_token", "missing wxaccess_token", "missing wxunionid");
  }

  @Test
  void theKeyAliasAloneIsEnoughAndMillisecondsAreSeconds() {
    MusicLogin l = login("uin=o0123456789; qm_keyst=Q_H_L_k; psrf_musickey_createtime=1795500000123");

    assertThat(l.musicKey()).isEqualTo("Q_H_L_k");
    assertThat(l.uin()).isEqualTo("123456789");
    assertThat(l.musicId()).isEqualTo(123456789L);
    assertThat(l.keyCreatedAt()).hasValue(1_795_500_000L);
  }

  @Test
  void anAccountNumberMustBeDigits() {
    assertThat(login("uin=abc; qqmusic_key=Q_H_L_k").problems()).contains("uin is not an account number (\"abc\")");
  }

  @Test
  void secretsAreMaskedButStillTellTwoApart() {
    assertThat(Secrets.mask("Q_H_L_63k3NabcdefA")).isEqualTo("Q_H_L_6***A");
    assertThat(Secrets.mask("W_X_63B0aWxabcdef9")).isEqualTo("W_X_6***9");
    assertThat(Secrets.mask("REFRESH0001")).isEqualTo("R***1");
    assertThat(Secrets.mask("Q_H_L_abc")).isEqualTo("Q_H_L_***");
    assertThat(Secrets.mask("")).isEmpty();
    assertThat(Secrets.display("uin", "123456789")).isEqualTo("123456789");
    assertThat(Secrets.display("psrf_qqaccess_token", "ACCESS0001")).isEqualTo("A***1");
  }

  @Test
  void noValueTypePrintsAWholeSecret() {
    String key = "Q_H_L_63k3NsecretSECRETsecret01";
    Cookie cookie = Cookie.of("qqmusic_key", key);
    CookieSet set = CookieSet.of(java.util.List.of(cookie));
    CookieRecord record = new CookieRecord(set, CookieMetadata.NONE.withRefreshKey("REFRESHKEYsecret99"));

    assertThat(cookie.toString()).doesNotContain(key).contains("Q_H_L_6***1");
    assertThat(set.toString()).doesNotContain(key);
    assertThat(record.toString()).doesNotContain(key).doesNotContain("REFRESHKEYsecret99");
  }
}
