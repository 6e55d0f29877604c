package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.renew.RenewalSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference Python library's credential JSON, both ways: the field names, order and JSON types
 * it writes, the cookies each field stands for, and the two opposite login-type scales.
 */
class QqMusicApiCredentialFormatTest {
  static final String EUIN = "oFakeEuin0123**";
  static final long EXPIRED_AT = SampleCookies.KEY_CREATED + 7 * 86_400;

  /** The library's field names in the order model_dump_json(by_alias=True) writes them. */
  static final List<String> LIBRARY_FIELDS =
      List.of(
          "openid",
          "refresh_token",
          "access_token",
          "expired_at",
          "musicid",
          "musickey",
          "unionid",
          "str_musicid",
          "refresh_key",
          "musickeyCreateTime",
          "keyExpiresIn",
          "first_login",
          "bindAccountType",
          "needRefreshKeyIn",
          "encryptUin",
          "loginType");

  static final List<String> NUMBER_FIELDS =
      List.of(
          "expired_at",
          "musicid",
          "musickeyCreateTime",
          "keyExpiresIn",
          "first_login",
          "bindAccountType",
          "needRefreshKeyIn",
          "loginType");

  /** A QQ login's credential as the library writes it, every type as the library's. */
  static ObjectNode qqCredential() {
    ObjectNode c = JsonTrees.object();
    c.put("openid", SampleCookies.OPENID);
    c.put("refresh_token", SampleCookies.REFRESH_TOKEN);
    c.put("access_token", SampleCookies.ACCESS_TOKEN);
    c.put("expired_at", EXPIRED_AT);
    c.put("musicid", Long.parseLong(SampleCookies.UIN));
    c.put("musickey", SampleCookies.MUSIC_KEY);
    c.put("unionid", SampleCookies.UNIONID);
    c.put("str_musicid", SampleCookies.UIN);
    c.put("refresh_key", SampleCookies.REFRESH_KEY);
    c.put("musickeyCreateTime", SampleCookies.KEY_CREATED);
    c.put("keyExpiresIn", 259_200);
    c.put("first_login", 0);
    c.put("bindAccountType", 0);
    c.put("needRefreshKeyIn", 0);
    c.put("encryptUin", EUIN);
    c.put("loginType", 2);
    return c;
  }

  /** A WeChat login's credential: a W_X_ key and loginType 1. */
  static ObjectNode wechatCredential() {
    ObjectNode c = qqCredential();
    c.put("openid", "WXOPENID0000000001");
    c.put("refresh_token", "WXREFRESH00000001");
    c.put("access_token", "WXACCESS000000001");
    c.put("unionid", "WXUNIONID000000001");
    c.put("musickey", SampleCookies.WX_MUSIC_KEY);
    c.put("loginType", 1);
    return c;
  }

  /** Compact, as model_dump_json writes it. */
  static String text(JsonNode credential) {
    return JsonTrees.compact(credential);
  }

  static ParsedCookies read(JsonNode credential) {
    return CookieFormats.read(text(credential));
  }

  static InvalidInputException refusal(JsonNode credential) {
    return catchThrowableOfType(InvalidInputException.class, () -> read(credential));
  }

  static JsonNode exported(CookieRecord record) throws Exception {
    return JsonTrees.read(CookieFormats.write(CookieFormat.QQMUSICAPI, record, null));
  }

  @Test
  void aQqCredentialBecomesTheFullLoginCookieSetOnQqComThatRenews() {
    ParsedCookies parsed = read(qqCredential());

    assertThat(parsed.format()).isEqualTo(CookieFormat.QQMUSICAPI);
    CookieSet cookies = parsed.record().cookies();
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("uin", SampleCookies.UIN),
            Map.entry("qqmusic_key", SampleCookies.MUSIC_KEY),
            Map.entry("qm_keyst", SampleCookies.MUSIC_KEY),
            Map.entry("psrf_musickey_createtime", Long.toString(SampleCookies.KEY_CREATED)),
            Map.entry("psrf_qqopenid", SampleCookies.OPENID),
            Map.entry("psrf_qqrefresh_token", SampleCookies.REFRESH_TOKEN),
            Map.entry("psrf_qqaccess_token", SampleCookies.ACCESS_TOKEN),
            Map.entry("psrf_qqunionid", SampleCookies.UNIONID),
            Map.entry("psrf_access_token_expiresAt", Long.toString(EXPIRED_AT)),
            Map.entry("euin", EUIN),
            Map.entry("tmeLoginType", "2"),
            Map.entry("login_type", "1"));
    assertThat(cookies.asList())
        .extracting(Cookie::name)
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (name, value) -> assertThat(cookies.valueOrEmpty(name)).as(name).isEqualTo(value));
    assertThat(cookies.asList()).allSatisfy(c -> assertThat(c.domain()).isEqualTo(".qq.com"));
    assertThat(cookies.asList()).allSatisfy(c -> assertThat(c.path()).isEqualTo("/"));
    MusicLogin login = parsed.record().login();
    assertThat(login.kind()).isEqualTo(LoginKind.QQ);
    assertThat(login.problems(SampleCookies.NOW)).isEmpty();
  }

  @Test
  void keyExpiresInAndRefreshKeyGoIntoTheMetadataNotTheCookies() {
    CookieRecord record = read(qqCredential()).record();

    assertThat(record.metadata().keyExpiresIn()).isEqualTo(259_200L);
    assertThat(record.metadata().refreshKey()).isEqualTo(SampleCookies.REFRESH_KEY);
    assertThat(record.cookies().asList())
        .extracting(Cookie::value)
        .doesNotContain(SampleCookies.REFRESH_KEY, "259200");
  }

  @Test
  void anEmptyRefreshKeyAndAZeroLifetimeAreUnknownNotValues() {
    ObjectNode web =
        qqCredential().put("refresh_key", "").put("keyExpiresIn", 0).put("expired_at", 0);

    CookieRecord record = read(web).record();

    assertThat(record.metadata().refreshKey()).isNull();
    assertThat(record.metadata().keyExpiresIn()).isNull();
    // A 0 would be "not a Unix time" to renewal: the cookie is left out instead.
    assertThat(record.cookies().value("psrf_access_token_expiresAt")).isEmpty();
    assertThat(record.login().problems()).isEmpty();
  }

  @Test
  void exportWritesEveryLibraryFieldInItsOrderWithTheLibrarysTypes() throws Exception {
    CookieRecord record = new CookieRecord(SampleCookies.qqLogin(), SampleCookies.fullMetadata());

    JsonNode json = exported(record);

    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(LIBRARY_FIELDS);
    for (String field : LIBRARY_FIELDS) {
      if (NUMBER_FIELDS.contains(field)) {
        assertThat(json.get(field).isIntegralNumber()).as(field + " is a number").isTrue();
      } else {
        assertThat(json.get(field).isTextual()).as(field + " is a string").isTrue();
      }
    }
  }

  @Test
  void exportMapsEachCookieToItsField() throws Exception {
    CookieRecord record = new CookieRecord(SampleCookies.qqLogin(), SampleCookies.fullMetadata());

    JsonNode json = exported(record);

    assertThat(json.get("openid").textValue()).isEqualTo(SampleCookies.OPENID);
    assertThat(json.get("refresh_token").textValue()).isEqualTo(SampleCookies.REFRESH_TOKEN);
    assertThat(json.get("access_token").textValue()).isEqualTo(SampleCookies.ACCESS_TOKEN);
    assertThat(json.get("expired_at").longValue()).isEqualTo(EXPIRED_AT);
    assertThat(json.get("musicid").longValue()).isEqualTo(Long.parseLong(SampleCookies.UIN));
    assertThat(json.get("musickey").textValue()).isEqualTo(SampleCookies.MUSIC_KEY);
    assertThat(json.get("unionid").textValue()).isEqualTo(SampleCookies.UNIONID);
    assertThat(json.get("str_musicid").textValue()).isEqualTo(SampleCookies.UIN);
    assertThat(json.get("refresh_key").textValue()).isEqualTo(SampleCookies.REFRESH_KEY);
    assertThat(json.get("musickeyCreateTime").longValue()).isEqualTo(SampleCookies.KEY_CREATED);
    assertThat(json.get("keyExpiresIn").longValue()).isEqualTo(259_200L);
    assertThat(json.get("encryptUin").textValue()).isEqualTo(EUIN);
    assertThat(json.get("loginType").longValue()).isEqualTo(2);
  }

  @Test
  void withoutAReportedLifetimeTheExportSaysTheAssumed24HoursNotAnExpiredKey() throws Exception {
    CookieRecord browserCapture = new CookieRecord(SampleCookies.qqLogin(), CookieMetadata.NONE);

    JsonNode json = exported(browserCapture);

    // The library counts the key as expired at musickeyCreateTime + keyExpiresIn.
    assertThat(json.get("keyExpiresIn").longValue())
        .isEqualTo(RenewalSchedule.ASSUMED_LIFETIME.toSeconds())
        .isEqualTo(QqMusicApiCredentialFormat.ASSUMED_KEY_EXPIRES_IN);
    assertThat(json.get("refresh_key").textValue()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    // loginType, key, kind, tmeLoginType cookie, login_type cookie
    "2, Q_H_L_5FAKEkey0123456789, QQ, 2, 1",
    "1, W_X_FAKEwechatKEY0123456, WECHAT, 1, 2",
  })
  void loginTypeIsTheTmeLoginTypeScaleAndTheCookiesLoginTypeIsTheOpposite(
      int loginType, String key, LoginKind kind, String tme, String cookieLoginType)
      throws Exception {
    ObjectNode credential =
        (kind == LoginKind.QQ ? qqCredential() : wechatCredential()).put("musickey", key);
    credential.put("loginType", loginType);

    CookieRecord record = read(credential).record();

    assertThat(record.login().kind()).isEqualTo(kind);
    assertThat(record.cookies().valueOrEmpty("tmeLoginType")).isEqualTo(tme);
    assertThat(record.cookies().valueOrEmpty("login_type")).isEqualTo(cookieLoginType);
    assertThat(exported(record).get("loginType").intValue()).isEqualTo(loginType);
  }

  @Test
  void exportTakesLoginTypeFromTheCookiesLoginTypeOnItsOwnScale() throws Exception {
    // No key prefix to go by: only login_type=2 (the cookie's WeChat) says which login this is.
    CookieSet cookies =
        SampleCookies.qqLogin()
            .withValue("qqmusic_key", "FAKEkeyWithoutPrefix0123")
            .withValue("qm_keyst", "FAKEkeyWithoutPrefix0123")
            .withValue("login_type", "2")
            .withValue("tmeLoginType", "");

    assertThat(exported(new CookieRecord(cookies, null)).get("loginType").intValue()).isEqualTo(1);
  }

  @Test
  void aMissingLoginTypeIsInferredFromTheKeyAsTheLibraryDoes() {
    ObjectNode wechat = wechatCredential();
    wechat.remove("loginType");
    ObjectNode qq = qqCredential().put("loginType", 0);

    assertThat(read(wechat).record().login().kind()).isEqualTo(LoginKind.WECHAT);
    assertThat(read(qq).record().login().kind()).isEqualTo(LoginKind.QQ);
  }

  @Test
  void aLoginTypeOnNeitherScaleIsRefused() {
    InvalidInputException e = refusal(qqCredential().put("loginType", 3));

    assertThat(e).isNotNull();
    assertThat(e.problems()).containsExactly("loginType is neither 2 (QQ) nor 1 (WeChat)");
  }

  @Test
  void aLoginTypeTheKeyContradictsIsRefused() {
    InvalidInputException qqTypeWechatKey = refusal(wechatCredential().put("loginType", 2));
    InvalidInputException wechatTypeQqKey = refusal(qqCredential().put("loginType", 1));

    assertThat(qqTypeWechatKey.problems())
        .containsExactly("loginType is 2 (QQ), but musickey is a WeChat key");
    assertThat(wechatTypeQqKey.problems())
        .containsExactly("loginType is 1 (WeChat), but musickey is a QQ key");
    assertNoSecretIn(qqTypeWechatKey);
    assertNoSecretIn(wechatTypeQqKey);
  }

  @Test
  void aWechatCredentialBecomesTheWxCookiesAndComesBackTheSame() throws Exception {
    ObjectNode credential = wechatCredential();

    CookieRecord record = read(credential).record();

    CookieSet cookies = record.cookies();
    assertThat(cookies.valueOrEmpty("wxopenid")).isEqualTo("WXOPENID0000000001");
    assertThat(cookies.valueOrEmpty("wxrefresh_token")).isEqualTo("WXREFRESH00000001");
    assertThat(cookies.valueOrEmpty("wxaccess_token")).isEqualTo("WXACCESS000000001");
    assertThat(cookies.valueOrEmpty("wxunionid")).isEqualTo("WXUNIONID000000001");
    assertThat(cookies.asList()).extracting(Cookie::name).noneMatch(n -> n.startsWith("psrf_qq"));
    assertThat(record.login().kind()).isEqualTo(LoginKind.WECHAT);
    assertThat(record.login().problems(SampleCookies.NOW)).isEmpty();
    assertThat(exported(record)).isEqualTo(JsonTrees.read(text(credential)));
  }

  @Test
  void theSnakeCaseNamesLoadTooAndTheirLoginTypeIsTheLibrarysNotTheCookies() {
    ObjectNode snake = wechatCredential();
    for (String[] rename :
        new String[][] {
          {"musickeyCreateTime", "musickey_create_time"},
          {"keyExpiresIn", "key_expires_in"},
          {"bindAccountType", "bind_account_type"},
          {"needRefreshKeyIn", "need_refresh_key_in"},
          {"encryptUin", "encrypt_uin"},
          {"loginType", "login_type"}
        }) {
      snake.set(rename[1], snake.remove(rename[0]));
    }
    // login_type 1 in the credential is WeChat, where the cookie login_type 1 would be QQ; the key
    // says nothing, so only the right scale gets it right.
    snake.put("musickey", "FAKEkeyWithoutPrefix0123");

    CookieRecord record = read(snake).record();

    assertThat(record.login().kind()).isEqualTo(LoginKind.WECHAT);
    assertThat(record.cookies().valueOrEmpty("login_type")).isEqualTo("2");
    assertThat(record.cookies().valueOrEmpty("psrf_musickey_createtime"))
        .isEqualTo(Long.toString(SampleCookies.KEY_CREATED));
    assertThat(record.cookies().valueOrEmpty("euin")).isEqualTo(EUIN);
    assertThat(record.metadata().keyExpiresIn()).isEqualTo(259_200L);
  }

  @Test
  void importThenExportGivesTheSameValuesAndTypes() throws Exception {
    ObjectNode credential = qqCredential();

    JsonNode back = exported(read(credential).record());

    assertThat(back).isEqualTo(JsonTrees.read(text(credential)));
  }

  @Test
  void exportThenImportGivesTheSameLogin() throws Exception {
    CookieRecord original = new CookieRecord(SampleCookies.qqLogin(), SampleCookies.fullMetadata());

    ParsedCookies back =
        CookieFormats.read(CookieFormats.write(CookieFormat.QQMUSICAPI, original, null));

    MusicLogin before = original.login();
    MusicLogin after = back.record().login();
    assertThat(after.kind()).isEqualTo(before.kind());
    assertThat(after.uin()).isEqualTo(before.uin());
    assertThat(after.musicKey()).isEqualTo(before.musicKey());
    assertThat(after.keyCreatedAt()).isEqualTo(before.keyCreatedAt());
    assertThat(after.accessTokenExpiresAt()).isEqualTo(before.accessTokenExpiresAt());
    for (String name :
        List.of(
            "qm_keyst",
            "psrf_qqopenid",
            "psrf_qqrefresh_token",
            "psrf_qqaccess_token",
            "psrf_qqunionid",
            "euin",
            "tmeLoginType",
            "login_type")) {
      assertThat(after.value(name)).as(name).isEqualTo(before.value(name));
    }
    assertThat(back.record().metadata().keyExpiresIn())
        .isEqualTo(original.metadata().keyExpiresIn());
    assertThat(back.record().metadata().refreshKey()).isEqualTo(original.metadata().refreshKey());
    assertThat(after.problems(SampleCookies.NOW)).isEmpty();
  }

  @Test
  void fieldsTheLibraryIgnoresAreIgnoredHereToo() {
    ObjectNode credential = qqCredential().put("nick", "someone").put("extra", 1);

    assertThat(read(credential).record().login().problems()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "musickey",
        "musickeyCreateTime",
        "openid",
        "refresh_token",
        "access_token",
        "unionid"
      })
  void aCredentialWithoutAFieldRenewalNeedsIsRefusedNamingIt(String field) {
    ObjectNode credential = qqCredential();
    credential.remove(field);

    InvalidInputException e = refusal(credential);

    assertThat(e).isNotNull();
    assertThat(e.problems()).containsExactly("missing " + field);
    assertNoSecretIn(e);
  }

  @Test
  void anEmptyValueIsMissingToo() {
    InvalidInputException e =
        refusal(wechatCredential().put("refresh_token", "").put("musickeyCreateTime", 0));

    assertThat(e.problems())
        .containsExactlyInAnyOrder("missing refresh_token", "missing musickeyCreateTime");
  }

  @Test
  void withoutMusicidTheStringOneIsTheAccountAndWithoutBothItIsRefused() {
    ObjectNode onlyString = qqCredential();
    onlyString.remove("musicid");
    ObjectNode neither = qqCredential().put("musicid", 0);
    neither.remove("str_musicid");

    assertThat(read(onlyString).record().login().uin()).isEqualTo(SampleCookies.UIN);
    assertThat(refusal(neither).problems()).containsExactly("missing musicid (or str_musicid)");
  }

  @Test
  void musicidAndStrMusicidOfDifferentAccountsAreRefused() {
    InvalidInputException e = refusal(qqCredential().put("str_musicid", "999"));

    assertThat(e.problems()).containsExactly("musicid and str_musicid name different accounts");
  }

  @Test
  void wholeNumbersGivenAsStringsOfDigitsLoadAsTheLibraryLoadsThem() {
    ObjectNode credential =
        qqCredential()
            .put("musicid", SampleCookies.UIN)
            .put("musickeyCreateTime", Long.toString(SampleCookies.KEY_CREATED))
            .put("keyExpiresIn", "259200")
            .put("loginType", "2");

    CookieRecord record = read(credential).record();

    assertThat(record.login().uin()).isEqualTo(SampleCookies.UIN);
    assertThat(record.login().keyCreatedAt()).hasValue(SampleCookies.KEY_CREATED);
    assertThat(record.metadata().keyExpiresIn()).isEqualTo(259_200L);
  }

  @Test
  void whatTheLibraryWouldNotLoadIsRefusedNamingEachField() {
    ObjectNode credential = qqCredential();
    credential.put("musicid", "22x");
    credential.put("musickeyCreateTime", 1.5);
    credential.put("keyExpiresIn", true);
    credential.put("expired_at", -1);
    credential.put("str_musicid", 2_200_000_001L);
    credential.set("refresh_token", JsonTrees.object());

    InvalidInputException e = refusal(credential);

    assertThat(e.problems())
        .contains(
            "musicid is not a whole number of at most 18 digits",
            "musickeyCreateTime is not a whole number of at most 18 digits",
            "keyExpiresIn is not a whole number of at most 18 digits",
            "expired_at is not a whole number of at most 18 digits",
            "str_musicid is not a string",
            "refresh_token is not a string");
    assertNoSecretIn(e);
  }

  @Test
  void aValueThatCannotBeACookieIsRefusedNamingTheFieldNotTheValue() {
    ObjectNode credential =
        qqCredential()
            .put("musickey", SampleCookies.MUSIC_KEY + "\r\nuin=999")
            .put("refresh_token", SampleCookies.REFRESH_TOKEN + "; uin=999")
            .put("openid", SampleCookies.OPENID + "\u0007")
            .put("encryptUin", "测试");

    InvalidInputException e = refusal(credential);

    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "musickey contains a line break",
            "refresh_token contains ';'",
            "openid contains a control character",
            "encryptUin contains a character outside ASCII");
    assertNoSecretIn(e);
    assertThat(e.getMessage()).doesNotContain("\r").doesNotContain("\n");
  }

  @Test
  void documentsWithCookiesAreNotTakenForACredential() {
    String playwright = "{\"cookies\": [], \"musickey\": \"Q_H_L_x\"}";

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> CookieFormats.read(playwright));

    assertThat(e.getMessage()).contains("no cookie found in the playwright input");
  }

  @Test
  void aKeyIssuedInTheFutureIsLeftToTheLoginCheckThatImportRuns() {
    ObjectNode future =
        qqCredential()
            .put(
                "musickeyCreateTime", SampleCookies.NOW.plus(Duration.ofHours(1)).getEpochSecond());

    MusicLogin login = read(future).record().login();

    assertThat(login.problems(SampleCookies.NOW))
        .anySatisfy(p -> assertThat(p).contains("in the future"));
  }

  private static void assertNoSecretIn(InvalidInputException e) {
    for (String secret : SampleCookies.SECRETS) {
      assertThat(e.getMessage()).doesNotContain(secret);
    }
  }
}
