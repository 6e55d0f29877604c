package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MusicLoginTest {

  private static final List<String> QQ_REQUIRED_TOKENS =
      List.of("psrf_qqrefresh_token", "psrf_qqaccess_token", "psrf_qqopenid", "psrf_qqunionid");
  private static final List<String> WX_REQUIRED_TOKENS =
      List.of("wxrefresh_token", "wxaccess_token", "wxopenid", "wxunionid");

  /** Cookies from name/value pairs, in order. */
  private static CookieSet cookies(String... pairs) {
    List<Cookie> out = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.add(Cookie.of(pairs[i], pairs[i + 1]));
    }
    return CookieSet.of(out);
  }

  private static MusicLogin login(String... pairs) {
    return MusicLogin.of(cookies(pairs));
  }

  /** A complete WeChat login. */
  private static Map<String, String> wechatPairs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("wxuin", "o" + SampleCookies.UIN);
    m.put("qqmusic_key", SampleCookies.WX_MUSIC_KEY);
    m.put("qm_keyst", SampleCookies.WX_MUSIC_KEY);
    m.put("psrf_musickey_createtime", Long.toString(SampleCookies.KEY_CREATED));
    m.put("login_type", "2");
    m.put("tmeLoginType", "1");
    m.put("wxrefresh_token", SampleCookies.REFRESH_TOKEN);
    m.put("wxaccess_token", SampleCookies.ACCESS_TOKEN);
    m.put("wxopenid", SampleCookies.OPENID);
    m.put("wxunionid", SampleCookies.UNIONID);
    return m;
  }

  private static MusicLogin login(Map<String, String> pairs) {
    List<Cookie> out = new ArrayList<>();
    pairs.forEach((k, v) -> out.add(Cookie.of(k, v)));
    return MusicLogin.of(CookieSet.of(out));
  }

  @Test
  void theSampleQqLoginIsCompleteAndReadable() {
    MusicLogin login = MusicLogin.of(SampleCookies.qqLogin());

    assertThat(login.kind()).isEqualTo(LoginKind.QQ);
    assertThat(login.uin()).isEqualTo(SampleCookies.UIN);
    assertThat(login.musicId()).isEqualTo(Long.parseLong(SampleCookies.UIN));
    assertThat(login.musicKey()).isEqualTo(SampleCookies.MUSIC_KEY);
    assertThat(login.keyCreatedAt()).hasValue(SampleCookies.KEY_CREATED);
    assertThat(login.accessTokenExpiresAt()).hasValue(SampleCookies.KEY_CREATED + 7 * 86_400);
    assertThat(login.problems()).isEmpty();
    assertThat(login.requireRenewable()).isSameAs(login);
  }

  @ParameterizedTest(name = "[{index}] key={0} login_type={1} tmeLoginType={2} -> {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        // the key's prefix wins over everything else
        "W_X_abcdef123456, 1, 2, WECHAT",
        "Q_H_L_abcdef1234, 2, 1, QQ",
        // login_type: 1 = QQ, 2 = WeChat
        "-, 2, -, WECHAT",
        "-, 1, -, QQ",
        "-, 1, 1, QQ",
        // tmeLoginType uses the opposite scale: 2 = QQ, 1 = WeChat
        "-, -, 1, WECHAT",
        "-, -, 2, QQ",
        // an unknown key prefix falls through to the login fields
        "plainkey1234567, 2, -, WECHAT",
        "-, -, -, QQ",
      })
  void detectsTheLoginKind(String key, String loginType, String tmeLoginType, LoginKind expected) {
    List<String> pairs = new ArrayList<>(List.of("uin", SampleCookies.UIN));
    if (key != null) {
      pairs.addAll(List.of("qqmusic_key", key));
    }
    if (loginType != null) {
      pairs.addAll(List.of("login_type", loginType));
    }
    if (tmeLoginType != null) {
      pairs.addAll(List.of("tmeLoginType", tmeLoginType));
    }

    assertThat(login(pairs.toArray(String[]::new)).kind()).isEqualTo(expected);
  }

  @Test
  void theAliasKeyAloneDecidesTheKindToo() {
    assertThat(login("qm_keyst", SampleCookies.WX_MUSIC_KEY, "login_type", "1").kind())
        .isEqualTo(LoginKind.WECHAT);
  }

  @Test
  void onlyWechatRefreshTokenMeansWechat() {
    assertThat(login("wxrefresh_token", "x1", "psrf_qqrefresh_token", "").kind())
        .isEqualTo(LoginKind.WECHAT);
    assertThat(login("wxrefresh_token", "x1", "psrf_qqrefresh_token", "y2").kind())
        .isEqualTo(LoginKind.QQ);
  }

  @Test
  void anEmptyishCookieListsEveryMissingFieldAtOnce() {
    MusicLogin login = login("pgv_pvid", "1", "wxopenid", "");

    assertThat(login.kind()).isEqualTo(LoginKind.QQ);
    List<String> problems = login.problems();
    assertThat(problems).hasSize(7);
    assertThat(problems).contains("missing uin", "missing psrf_musickey_createtime");
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("missing qqmusic_key").contains("qm_keyst"));
    for (String token : QQ_REQUIRED_TOKENS) {
      assertThat(problems).contains("missing " + token);
    }
  }

  @Test
  void requireRenewableNamesEveryProblemInOneException() {
    MusicLogin login = login("pgv_pvid", "1");

    assertThatThrownBy(login::requireRenewable)
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.problems()).isEqualTo(login.problems()).hasSize(7);
              assertThat(e.getMessage()).contains("QQ login");
              for (String p : login.problems()) {
                assertThat(e.getMessage()).contains(p);
              }
            });
  }

  @Test
  void emptyValuesCountAsMissing() {
    Map<String, String> pairs = new LinkedHashMap<>();
    SampleCookies.headerPairs().forEach(e -> pairs.put(e.getKey(), e.getValue()));
    pairs.put("psrf_qqopenid", "");
    pairs.put("uin", "  ");

    assertThat(login(pairs).problems())
        .containsExactlyInAnyOrder("missing uin", "missing psrf_qqopenid");
  }

  @Test
  void theAliasKeyAloneIsAccepted() {
    Map<String, String> pairs = new LinkedHashMap<>();
    SampleCookies.headerPairs().forEach(e -> pairs.put(e.getKey(), e.getValue()));
    pairs.remove("qqmusic_key");

    MusicLogin login = login(pairs);

    assertThat(login.musicKey()).isEqualTo(SampleCookies.MUSIC_KEY);
    assertThat(login.problems()).isEmpty();
  }

  @Test
  void qqmusicKeyIsPreferredOverTheAlias() {
    assertThat(login("qm_keyst", "Q_H_L_alias000", "qqmusic_key", "Q_H_L_main0000").musicKey())
        .isEqualTo("Q_H_L_main0000");
    assertThat(login("qm_keyst", "Q_H_L_alias000", "qqmusic_key", "").musicKey())
        .isEqualTo("Q_H_L_alias000");
  }

  @Test
  void millisecondCreateTimeIsNormalisedToSeconds() {
    long millis = SampleCookies.KEY_CREATED * 1000 + 123;

    MusicLogin login = login("psrf_musickey_createtime", Long.toString(millis));

    assertThat(login.keyCreatedAt()).hasValue(SampleCookies.KEY_CREATED);
    assertThat(login.problems()).noneMatch(p -> p.contains("psrf_musickey_createtime"));
  }

  @Test
  void surroundingSpacesInTimesAreTolerated() {
    assertThat(
            login("psrf_musickey_createtime", " " + SampleCookies.KEY_CREATED + " ").keyCreatedAt())
        .hasValue(SampleCookies.KEY_CREATED);
  }

  @ParameterizedTest
  @CsvSource({"17x4000000", "-1700000000", "0", "1.7e9", "abc"})
  void malformedCreateTimeIsReportedWithItsValue(String raw) {
    MusicLogin login = login("psrf_musickey_createtime", raw);

    assertThat(login.keyCreatedAt()).isEmpty();
    assertThat(login.problems())
        .contains("psrf_musickey_createtime is not a Unix time (\"" + raw + "\")")
        .doesNotContain("missing psrf_musickey_createtime");
  }

  @Test
  void accessTokenExpiryIsOptionalButReportedWhenMalformed() {
    assertThat(login("uin", "1").problems())
        .noneMatch(p -> p.contains("psrf_access_token_expiresAt"));
    assertThat(login("psrf_access_token_expiresAt", "never").problems())
        .contains("psrf_access_token_expiresAt is not a Unix time (\"never\")");
  }

  @Test
  void aCreateTimeBeyondLongRangeIsReportedNotThrown() {
    String raw = "9300000000000000000";

    MusicLogin login = login("psrf_musickey_createtime", raw);

    assertThat(login.keyCreatedAt()).isEmpty();
    assertThat(login.problems())
        .contains("psrf_musickey_createtime is not a Unix time (\"" + raw + "\")");
  }

  @ParameterizedTest
  @CsvSource({"abc", "12a4", "o", "123456789012345678901", "1234567890123456789"})
  void aMalformedUinIsReported(String raw) {
    MusicLogin login = login("uin", raw);

    assertThat(login.uin()).isEmpty();
    assertThat(login.musicId()).isZero();
    assertThat(login.problems()).contains("uin is not an account number (\"" + raw + "\")");
  }

  @Test
  void uinLosesTheOPrefixAndLeadingZeros() {
    assertThat(login("uin", "o0" + SampleCookies.UIN).uin()).isEqualTo(SampleCookies.UIN);
    assertThat(login("uin", "000").uin()).isEqualTo("0");
  }

  @Test
  void aCompleteWechatLoginTakesItsIdFromWxuin() {
    MusicLogin login = login(wechatPairs());

    assertThat(login.kind()).isEqualTo(LoginKind.WECHAT);
    assertThat(login.uin()).isEqualTo(SampleCookies.UIN);
    assertThat(login.musicKey()).isEqualTo(SampleCookies.WX_MUSIC_KEY);
    assertThat(login.problems()).isEmpty();
  }

  @Test
  void wechatRequiresTheWxTokensNotTheQqOnes() {
    Map<String, String> pairs = wechatPairs();
    for (String token : WX_REQUIRED_TOKENS) {
      pairs.remove(token);
    }
    pairs.put("psrf_qqrefresh_token", SampleCookies.REFRESH_TOKEN);
    pairs.put("psrf_qqaccess_token", SampleCookies.ACCESS_TOKEN);
    pairs.put("psrf_qqopenid", SampleCookies.OPENID);
    pairs.put("psrf_qqunionid", SampleCookies.UNIONID);

    MusicLogin login = login(pairs);

    assertThat(login.kind()).isEqualTo(LoginKind.WECHAT);
    assertThat(login.problems())
        .containsExactlyInAnyOrderElementsOf(
            WX_REQUIRED_TOKENS.stream().map(t -> "missing " + t).toList());
    assertThatThrownBy(login::requireRenewable)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("WeChat login");
  }

  @Test
  void aWechatLoginWithoutAnyIdAsksForWxuin() {
    Map<String, String> pairs = wechatPairs();
    pairs.remove("wxuin");

    assertThat(login(pairs).problems()).containsExactly("missing wxuin");
  }

  @Test
  void aWechatLoginPrefersUinOverWxuin() {
    Map<String, String> pairs = wechatPairs();
    pairs.put("uin", "12345");

    assertThat(login(pairs).uin()).isEqualTo("12345");
  }

  @Test
  void theMusicHostsViewDecidesWhichDuplicateCounts() {
    MusicLogin login = SampleCookies.fullRecord().login();

    assertThat(login.uin()).isEqualTo(SampleCookies.UIN);
    assertThat(login.value("uin")).isEqualTo(SampleCookies.UIN);
  }

  @Test
  void anAccountNumberTooLongForALongIsReportedNotThrown() {
    MusicLogin l = login("uin", "123456789012345678901");

    assertThat(l.uin()).isEmpty();
    assertThat(l.problems()).contains("uin is not an account number (\"123456789012345678901\")");
  }

  @Test
  void conflictingCopiesOfALoginFieldInOneSlotAreProblemsNamingTheField() {
    List<Cookie> list = new ArrayList<>(SampleCookies.qqLogin().asList());
    list.add(Cookie.of("uin", "999"));
    list.add(Cookie.of("qqmusic_key", "Q_H_L_otherKEYother"));
    list.add(Cookie.of("psrf_qqrefresh_token", "OTHERREFRESH"));
    CookieSet cookies = CookieSet.of(list);

    List<String> problems = MusicLogin.of(cookies).problems();

    assertThat(problems)
        .contains(
            "uin appears 2 times with different values in the cookies sent to y.qq.com",
            "qqmusic_key appears 2 times with different values in the cookies sent to y.qq.com",
            "psrf_qqrefresh_token appears 2 times with different values in the cookies sent to y.qq.com");
    assertThat(String.join(" ", problems))
        .doesNotContain("otherKEY")
        .doesNotContain(SampleCookies.MUSIC_KEY);
    assertThatThrownBy(() -> MusicLogin.of(cookies).requireRenewable())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("uin appears 2 times");
  }

  @Test
  void differingCopiesOnAnotherDomainOrPathThatYqqComIsSentAreAConflictToo() {
    List<Cookie> list = new ArrayList<>(SampleCookies.qqLogin().asList());
    list.add(new Cookie("uin", "999", "y.qq.com", "/", Cookie.SESSION, false, false, null));
    list.add(
        new Cookie(
            "qqmusic_key",
            "Q_H_L_other",
            ".qq.com",
            "/cgi-bin",
            Cookie.SESSION,
            false,
            false,
            null));

    assertThat(MusicLogin.of(CookieSet.of(list)).problems())
        .containsExactly(
            "uin appears 2 times with different values in the cookies sent to y.qq.com",
            "qqmusic_key appears 2 times with different values in the cookies sent to y.qq.com");
  }

  @Test
  void equalCopiesOtherSpellingsOfTheAccountAndCopiesForOtherHostsAreNoConflict() {
    List<Cookie> list = new ArrayList<>(SampleCookies.qqLogin().asList());
    list.add(Cookie.of("uin", SampleCookies.UIN));
    list.add(
        new Cookie(
            "uin", "o00" + SampleCookies.UIN, "y.qq.com", "/", Cookie.SESSION, false, false, null));
    list.add(new Cookie("uin", "999", ".graph.qq.com", "/", Cookie.SESSION, false, false, null));
    list.add(
        new Cookie(
            "qqmusic_key", "Q_H_L_other", "c.y.qq.com", "/", Cookie.SESSION, false, false, null));

    assertThat(MusicLogin.of(CookieSet.of(list)).problems()).isEmpty();
  }

  @Test
  void aCreationTimeBeyondTheClockSkewIsAProblemInSecondsOrMilliseconds() {
    java.time.Instant now = SampleCookies.NOW;
    long sixMinutesAhead = now.plusSeconds(360).getEpochSecond();

    MusicLogin inSeconds =
        MusicLogin.of(
            SampleCookies.qqLogin()
                .withValue(MusicLogin.KEY_CREATE_TIME, Long.toString(sixMinutesAhead)));
    MusicLogin inMillis =
        MusicLogin.of(
            SampleCookies.qqLogin().withValue(MusicLogin.KEY_CREATE_TIME, sixMinutesAhead + "000"));
    MusicLogin withinSkew =
        MusicLogin.of(
            SampleCookies.qqLogin()
                .withValue(MusicLogin.KEY_CREATE_TIME, Long.toString(sixMinutesAhead - 90)));

    assertThat(inSeconds.problems(now))
        .singleElement()
        .asString()
        .contains("more than 5 minutes in the future");
    assertThat(inMillis.problems(now)).hasSize(1);
    assertThat(inSeconds.problems()).isEmpty();
    assertThat(withinSkew.problems(now)).isEmpty();
    assertThatThrownBy(() -> inSeconds.requireRenewable(now))
        .isInstanceOf(InvalidInputException.class);
  }
}
