package dev.qmcookie.qrlogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.selftest.SimulatedQrLogin;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.ToLocalFake;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WeChatQrLoginTest {
  static final String UA = QqQrLoginTest.UA;
  static final Instant START = QqQrLoginTest.START;

  final HandClock clock = new HandClock(START);
  final Listened listened = new Listened();
  SimulatedQrLogin fake;
  WeChatQrLogin login;

  @BeforeEach
  void start() throws IOException {
    fake = new SimulatedQrLogin();
    login = loginWith(new OkHttpClient.Builder());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  WeChatQrLogin loginWith(OkHttpClient.Builder client) {
    return new WeChatQrLogin(
        client.addInterceptor(new ToLocalFake(fake.port())).build(), clock, clock::advance, UA);
  }

  @Test
  void aScannedAndConfirmedCodeGivesTheWholeWeChatCookieSet() {
    fake.weChatStates("408", "404", "405");

    QrLoginResult result = login.run(listened, Duration.ofMinutes(3));

    assertThat(listened.events).containsExactly("qr", "waiting", "scanned");
    QrImage image = listened.images.get(0);
    assertThat(image.mediaType()).isEqualTo("image/jpeg");
    assertThat(Arrays.copyOf(image.bytes(), 2)).containsExactly(0xFF, 0xD8);
    CookieSet cookies = result.cookies();
    assertThat(cookies.valueOrEmpty("uin")).isEqualTo(SimulatedQrLogin.UIN);
    assertThat(cookies.valueOrEmpty("qqmusic_key")).isEqualTo(SimulatedQrLogin.WX_KEY);
    assertThat(cookies.valueOrEmpty("qm_keyst")).isEqualTo(SimulatedQrLogin.WX_KEY);
    assertThat(cookies.valueOrEmpty("wxopenid")).isEqualTo("OPENIDqr");
    assertThat(cookies.valueOrEmpty("wxrefresh_token")).isEqualTo("REFRESHqr");
    assertThat(cookies.valueOrEmpty("wxaccess_token")).isEqualTo("ACCESSqr");
    assertThat(cookies.valueOrEmpty("wxunionid")).isEqualTo("UNIONIDqr");
    assertThat(cookies.valueOrEmpty("psrf_musickey_createtime"))
        .isEqualTo(Long.toString(SimulatedQrLogin.KEY_CREATE_TIME));
    assertThat(cookies.valueOrEmpty("euin")).isEqualTo("oQRsimulated**");
    assertThat(cookies.valueOrEmpty("tmeLoginType")).isEqualTo("1");
    assertThat(cookies.valueOrEmpty("login_type")).isEqualTo("2");
    assertThat(cookies.hasValue("psrf_qqrefresh_token")).isFalse();
    MusicLogin music = result.record().login();
    assertThat(music.kind()).isEqualTo(LoginKind.WECHAT);
    assertThat(music.problems()).isEmpty();

    CookieMetadata meta = result.metadata();
    assertThat(meta.keyExpiresIn()).isEqualTo(SimulatedQrLogin.KEY_EXPIRES_IN);
    assertThat(meta.refreshKey()).isEqualTo(SimulatedQrLogin.REFRESH_KEY);
    assertThat(meta.userAgent()).isEqualTo(UA);
    assertThat(meta.importedAt()).isEqualTo(START.plusSeconds(2));
    assertThat(meta.source()).isEqualTo("login:qr-wechat");
    assertThat(fake.userAgents()).containsExactly(UA);
    assertThat(fake.requests())
        .containsExactly(
            "GET open.weixin.qq.com/connect/qrconnect",
            "GET open.weixin.qq.com/connect/qrcode/" + SimulatedQrLogin.uuid(1),
            "GET lp.open.weixin.qq.com/connect/l/qrconnect",
            "GET lp.open.weixin.qq.com/connect/l/qrconnect",
            "GET lp.open.weixin.qq.com/connect/l/qrconnect",
            "POST u.y.qq.com/cgi-bin/musicu.fcg");
  }

  @Test
  void anExpiredCodeIsRedrawnAndPolledUnderItsNewId() {
    fake.weChatStates("408", "402", "408", "404", "405");

    login.run(listened, Duration.ofMinutes(3));

    assertThat(listened.events)
        .containsExactly("qr", "waiting", "expired", "qr", "waiting", "scanned");
    assertThat(fake.lastQuery("lp.open.weixin.qq.com/connect/l/qrconnect"))
        .startsWith("uuid=" + SimulatedQrLogin.uuid(2) + "&");
  }

  @Test
  void aLongPollTheServerHoldsPastTheReadTimeoutMeansStillWaiting() {
    fake.weChatStates("hold", "404", "405");
    WeChatQrLogin patient =
        loginWith(new OkHttpClient.Builder().readTimeout(Duration.ofMillis(300)));

    QrLoginResult result = patient.run(listened, Duration.ofMinutes(3));

    assertThat(listened.events).containsExactly("qr", "waiting", "scanned");
    assertThat(result.cookies().valueOrEmpty("qqmusic_key")).isEqualTo(SimulatedQrLogin.WX_KEY);
  }

  @Test
  void aRefusalOnThePhoneIsALoginFailure() {
    fake.weChatStates("408", "404", "403");

    assertThatThrownBy(() -> login.run(listened, Duration.ofMinutes(3)))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("refused on the phone");
    assertThat(fake.requests()).noneMatch(r -> r.contains("musicu.fcg"));
  }

  @Test
  void noConfirmationWithinTheTimeoutIsALoginFailure() {
    fake.weChatStates("408");

    assertThatThrownBy(() -> login.run(listened, Duration.ofSeconds(5)))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("within 5s");
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(5));
    assertThat(listened.events).containsExactly("qr", "waiting");
  }

  @Test
  void aCodeExchangedTwiceIsRefusedWith1000() {
    login.run(listened, Duration.ofMinutes(3));

    assertThatThrownBy(() -> login.run(new Listened(), Duration.ofMinutes(3)))
        .isInstanceOfSatisfying(
            LoginInvalidException.class, e -> assertThat(e.code()).isEqualTo(1000))
        .hasMessageContaining("already used");
  }

  @Test
  void theCodeIsExchangedAsAWeChatLogin() {
    login.run(listened, Duration.ofMinutes(3));

    assertThat(fake.lastQuery("u.y.qq.com/cgi-bin/musicu.fcg"))
        .contains("\"tmeLoginType\":1")
        .contains("\"module\":\"music.login.LoginServer\"")
        .contains("\"code\":\"" + SimulatedQrLogin.WX_CODE + "\"")
        .contains("\"strAppid\":\"wx48db31d50e334801\"");
  }
}
