package dev.qmcookie.qrlogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.failure.ExitStatus;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.selftest.SimulatedQrLogin;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.ToLocalFake;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QqQrLoginTest {
  static final String UA = "Mozilla/5.0 (X11; Linux x86_64) qmcookie-test";
  static final Instant START = Instant.ofEpochSecond(SimulatedQrLogin.KEY_CREATE_TIME + 60);

  final HandClock clock = new HandClock(START);
  final Listened listened = new Listened();
  SimulatedQrLogin fake;
  QqQrLogin login;

  @BeforeEach
  void start() throws IOException {
    fake = new SimulatedQrLogin();
    login = loginThrough(fake.port());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  QqQrLogin loginThrough(int port) {
    OkHttpClient client = new OkHttpClient.Builder().addInterceptor(new ToLocalFake(port)).build();
    return new QqQrLogin(client, clock, clock::advance, UA);
  }

  /** PROTOCOL.md: {@code h = (h << 5) + h + c} for each character, masked with 0x7fffffff. */
  static long hash33(String text, long seed) {
    long h = seed;
    for (char c : text.toCharArray()) {
      h = ((h << 5) + h + c) & 0x7fffffff;
    }
    return h;
  }

  static String parameter(String query, String name) {
    return Arrays.stream(query.split("&"))
        .filter(p -> p.startsWith(name + "="))
        .map(p -> p.substring(name.length() + 1))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aScannedAndConfirmedCodeGivesTheWholeQqCookieSet() {
    fake.qqStates("66", "67", "0");

    QrLoginResult result = login.run(listened, Duration.ofMinutes(3));

    assertThat(listened.events).containsExactly("qr", "waiting", "scanned");
    assertThat(listened.images.get(0).mediaType()).isEqualTo("image/png");
    assertThat(Arrays.copyOf(listened.images.get(0).bytes(), 4))
        .containsExactly(0x89, 'P', 'N', 'G');
    CookieSet cookies = result.cookies();
    assertThat(cookies.valueOrEmpty("uin")).isEqualTo(SimulatedQrLogin.UIN);
    assertThat(cookies.valueOrEmpty("qqmusic_key")).isEqualTo(SimulatedQrLogin.QQ_KEY);
    assertThat(cookies.valueOrEmpty("qm_keyst")).isEqualTo(SimulatedQrLogin.QQ_KEY);
    assertThat(cookies.valueOrEmpty("psrf_qqopenid")).isEqualTo("OPENIDqr");
    assertThat(cookies.valueOrEmpty("psrf_qqrefresh_token")).isEqualTo("REFRESHqr");
    assertThat(cookies.valueOrEmpty("psrf_qqaccess_token")).isEqualTo("ACCESSqr");
    assertThat(cookies.valueOrEmpty("psrf_qqunionid")).isEqualTo("UNIONIDqr");
    assertThat(cookies.valueOrEmpty("psrf_access_token_expiresAt")).isEqualTo("1790600000");
    assertThat(cookies.valueOrEmpty("psrf_musickey_createtime"))
        .isEqualTo(Long.toString(SimulatedQrLogin.KEY_CREATE_TIME));
    assertThat(cookies.valueOrEmpty("euin")).isEqualTo("oQRsimulated**");
    assertThat(cookies.valueOrEmpty("tmeLoginType")).isEqualTo("2");
    assertThat(cookies.valueOrEmpty("login_type")).isEqualTo("1");
    // The flow's own cookies keep the domains the real hosts gave them.
    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::domain)
        .contains(
            org.assertj.core.groups.Tuple.tuple("p_skey", ".graph.qq.com"),
            org.assertj.core.groups.Tuple.tuple("p_uin", ".graph.qq.com"),
            org.assertj.core.groups.Tuple.tuple("qrsig", ".ptlogin2.qq.com"),
            org.assertj.core.groups.Tuple.tuple("pt2gguin", ".qq.com"),
            org.assertj.core.groups.Tuple.tuple("skey", ".qq.com"),
            org.assertj.core.groups.Tuple.tuple("qqmusic_key", ".qq.com"));
    assertThat(cookies.asList()).filteredOn(c -> c.name().equals("uin")).hasSize(1);
    MusicLogin music = result.record().login();
    assertThat(music.kind()).isEqualTo(LoginKind.QQ);
    assertThat(music.problems()).isEmpty();

    CookieMetadata meta = result.metadata();
    assertThat(meta.keyExpiresIn()).isEqualTo(SimulatedQrLogin.KEY_EXPIRES_IN);
    assertThat(meta.refreshKey()).isEqualTo(SimulatedQrLogin.REFRESH_KEY);
    assertThat(meta.userAgent()).isEqualTo(UA);
    assertThat(meta.importedAt()).isEqualTo(START.plusSeconds(4));
    assertThat(meta.renewedAt()).isNull();
    assertThat(meta.source()).isEqualTo("login:qr");
    assertThat(fake.userAgents()).containsExactly(UA);
    assertThat(result.toString())
        .doesNotContain(SimulatedQrLogin.QQ_KEY, SimulatedQrLogin.REFRESH_KEY, "REFRESHqr");
  }

  @Test
  void theFlowRunsItsStepsInOrder() {
    login.run(listened, Duration.ofMinutes(3));

    assertThat(fake.requests())
        .containsExactly(
            "GET ssl.ptlogin2.qq.com/ptqrshow",
            "GET ssl.ptlogin2.qq.com/ptqrlogin",
            "GET ssl.ptlogin2.qq.com/ptqrlogin",
            "GET ssl.ptlogin2.qq.com/ptqrlogin",
            "GET ssl.ptlogin2.graph.qq.com/check_sig",
            "POST graph.qq.com/oauth2.0/authorize",
            "POST u.y.qq.com/cgi-bin/musicu.fcg");
  }

  @Test
  void theSignatureIsPassedOnByteForByte() {
    login.run(listened, Duration.ofMinutes(3));

    assertThat(SimulatedQrLogin.PTSIGX).contains("+", "/");
    assertThat(parameter(fake.lastQuery("ssl.ptlogin2.graph.qq.com/check_sig"), "ptsigx"))
        .isEqualTo(SimulatedQrLogin.PTSIGX);
  }

  @Test
  void theTokensAreHash33WithSeedZeroForTheQrsigAnd5381ForTheSkey() {
    login.run(listened, Duration.ofMinutes(3));

    String qrsig = SimulatedQrLogin.qrsig(1);
    assertThat(parameter(fake.lastQuery("ssl.ptlogin2.qq.com/ptqrlogin"), "ptqrtoken"))
        .isEqualTo(Long.toString(hash33(qrsig, 0)))
        .isNotEqualTo(Long.toString(hash33(qrsig, 5381)));
    assertThat(parameter(fake.lastQuery("graph.qq.com/oauth2.0/authorize"), "g_tk"))
        .isEqualTo(Long.toString(hash33(SimulatedQrLogin.P_SKEY, 5381)));
  }

  @Test
  void anExpiredCodeIsRedrawnAndPolledWithItsOwnToken() {
    fake.qqStates("66", "65", "66", "67", "0");

    QrLoginResult result = login.run(listened, Duration.ofMinutes(3));

    assertThat(listened.events)
        .containsExactly("qr", "waiting", "expired", "qr", "waiting", "scanned");
    assertThat(fake.codesShown()).isEqualTo(2);
    assertThat(parameter(fake.lastQuery("ssl.ptlogin2.qq.com/ptqrlogin"), "ptqrtoken"))
        .isEqualTo(Long.toString(hash33(SimulatedQrLogin.qrsig(2), 0)));
    assertThat(result.cookies().valueOrEmpty("qrsig")).isEqualTo(SimulatedQrLogin.qrsig(2));
  }

  @Test
  void aRefusalOnThePhoneIsALoginFailure() {
    fake.qqStates("66", "67", "68");

    assertThatThrownBy(() -> login.run(listened, Duration.ofMinutes(3)))
        .isInstanceOfSatisfying(
            LoginInvalidException.class,
            e -> assertThat(e.verdict().exitStatus()).isEqualTo(ExitStatus.LOGIN_INVALID))
        .hasMessageContaining("refused on the phone");
    assertThat(listened.events).containsExactly("qr", "waiting", "scanned");
    assertThat(fake.requests()).noneMatch(r -> r.contains("check_sig"));
  }

  @Test
  void noConfirmationWithinTheTimeoutIsALoginFailureAfterPollingTheWholeTime() {
    fake.qqStates("66");

    assertThatThrownBy(() -> login.run(listened, Duration.ofSeconds(10)))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("within 10s");
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(10));
    assertThat(fake.requests()).filteredOn(r -> r.endsWith("/ptqrlogin")).hasSize(5);
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
  void theDeviceLimitNeedsThePersonToRemoveADevice() {
    fake.deviceLimit();

    assertThatThrownBy(() -> login.run(listened, Duration.ofMinutes(3)))
        .isInstanceOfSatisfying(
            LoginInvalidException.class,
            e -> {
              assertThat(e.code()).isEqualTo(20279);
              assertThat(e.verdict()).isEqualTo(Verdict.ACCOUNT_PROBLEM);
            })
        .hasMessageContaining("device limit");
  }

  @Test
  void anAnswerForAnotherAccountThanTheScannerIsRejected() {
    fake.answerFor("998877665");

    assertThatThrownBy(() -> login.run(listened, Duration.ofMinutes(3)))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("another account");
  }

  @Test
  void aNetworkFaultIsTransient() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }

    assertThatThrownBy(() -> loginThrough(closed).run(listened, Duration.ofMinutes(3)))
        .isInstanceOf(TransientFailureException.class)
        .hasMessageContaining("ssl.ptlogin2.qq.com")
        .hasMessageContaining("nothing was stored");
  }

  @Test
  void anUnknownPollCodeIsTransientAndQuotesTheServer() {
    fake.qqStates("66", "10009");

    assertThatThrownBy(() -> login.run(listened, Duration.ofMinutes(3)))
        .isInstanceOf(TransientFailureException.class)
        .hasMessageContaining("code 10009 (state 10009)");
  }

  @Test
  void anInterruptedWaitStopsTheLoginAndKeepsTheInterrupt() {
    QqQrLogin interrupted =
        new QqQrLogin(
            new OkHttpClient.Builder().addInterceptor(new ToLocalFake(fake.port())).build(),
            clock,
            d -> {
              throw new InterruptedException();
            },
            UA);

    try {
      assertThatThrownBy(() -> interrupted.run(listened, Duration.ofMinutes(3)))
          .isInstanceOf(TransientFailureException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(fake.requests()).noneMatch(r -> r.contains("check_sig"));
  }

  @Test
  void everyRequestGoesToTheRealHttpsHosts() {
    assertThat(QqQrLogin.SHOW.isHttps()).isTrue();
    assertThat(HttpUrl.get(QqQrLogin.CHECK_SIG).host()).isEqualTo("ssl.ptlogin2.graph.qq.com");
    assertThat(QqQrLogin.AUTHORIZE.toString()).isEqualTo("https://graph.qq.com/oauth2.0/authorize");
    assertThat(CodeExchange.ENDPOINT.toString()).isEqualTo("https://u.y.qq.com/cgi-bin/musicu.fcg");
  }
}
