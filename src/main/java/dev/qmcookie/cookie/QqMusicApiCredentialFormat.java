package dev.qmcookie.cookie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The credential JSON of the reference Python library (luren-dc/QQMusicApi): what {@code
 * Credential.model_dump_json(by_alias=True)} writes and the programs built on it store. It carries
 * only the login, not the browser's other cookies: import turns it into the full login cookie set,
 * export writes it from one. The mapping is documented in the README, under {@code import}.
 *
 * <p>Types follow the library: whole numbers for its {@code int} fields, strings for its {@code
 * str} fields. On input a whole number may also come as a string of digits, as the library itself
 * (pydantic, lax mode) loads it; a number where the library wants a string is refused, as the
 * library refuses it too.
 */
final class QqMusicApiCredentialFormat {
  /** {@code loginType} of a QQ login; a WeChat one is {@link #WECHAT_LOGIN_TYPE}. */
  static final long QQ_LOGIN_TYPE = 2;

  static final long WECHAT_LOGIN_TYPE = 1;

  // The cookie login_type counts the other way round: 1 is QQ, 2 WeChat.
  private static final String COOKIE_LOGIN_TYPE_QQ = "1";
  private static final String COOKIE_LOGIN_TYPE_WECHAT = "2";

  /**
   * The key lifetime written when no renewal has reported one yet: the 24 h that renewal assumes
   * too ({@code RenewalSchedule.ASSUMED_LIFETIME}). The library counts a key as expired at {@code
   * musickeyCreateTime + keyExpiresIn}, so a 0 would make a fresh login look dead to it.
   */
  static final long ASSUMED_KEY_EXPIRES_IN = 86_400;

  // The library's fields in the order it writes them. The second name is the field's Python name,
  // which the library loads as well (populate_by_name); null where both are the same.
  private static final Field OPENID = new Field("openid", null, false);
  private static final Field REFRESH_TOKEN = new Field("refresh_token", null, false);
  private static final Field ACCESS_TOKEN = new Field("access_token", null, false);
  private static final Field EXPIRED_AT = new Field("expired_at", null, true);
  private static final Field MUSICID = new Field("musicid", null, true);
  private static final Field MUSICKEY = new Field("musickey", null, false);
  private static final Field UNIONID = new Field("unionid", null, false);
  private static final Field STR_MUSICID = new Field("str_musicid", null, false);
  private static final Field REFRESH_KEY = new Field("refresh_key", null, false);
  private static final Field KEY_CREATE_TIME =
      new Field("musickeyCreateTime", "musickey_create_time", true);
  private static final Field KEY_EXPIRES_IN = new Field("keyExpiresIn", "key_expires_in", true);
  private static final Field FIRST_LOGIN = new Field("first_login", null, true);
  private static final Field BIND_ACCOUNT_TYPE =
      new Field("bindAccountType", "bind_account_type", true);
  private static final Field NEED_REFRESH_KEY_IN =
      new Field("needRefreshKeyIn", "need_refresh_key_in", true);
  private static final Field ENCRYPT_UIN = new Field("encryptUin", "encrypt_uin", false);
  private static final Field LOGIN_TYPE = new Field("loginType", "login_type", true);

  private static final List<Field> FIELDS =
      List.of(
          OPENID,
          REFRESH_TOKEN,
          ACCESS_TOKEN,
          EXPIRED_AT,
          MUSICID,
          MUSICKEY,
          UNIONID,
          STR_MUSICID,
          REFRESH_KEY,
          KEY_CREATE_TIME,
          KEY_EXPIRES_IN,
          FIRST_LOGIN,
          BIND_ACCOUNT_TYPE,
          NEED_REFRESH_KEY_IN,
          ENCRYPT_UIN,
          LOGIN_TYPE);

  private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

  private QqMusicApiCredentialFormat() {}

  private record Field(String name, String pythonName, boolean number) {}

  /**
   * True for a JSON object with a field of the credential and no {@code cookies} or {@code format},
   * which would make it one of the cookie documents.
   */
  static boolean looksLike(JsonNode root) {
    if (!root.isObject() || root.has("cookies") || root.has("format")) {
      return false;
    }
    return FIELDS.stream()
        .anyMatch(f -> root.has(f.name) || (f.pythonName != null && root.has(f.pythonName)));
  }

  /**
   * The login cookies on {@code .qq.com} that the credential stands for, with its {@code
   * keyExpiresIn} and {@code refresh_key} as metadata.
   *
   * @throws InvalidInputException naming each field that is malformed or that renewal needs and is
   *     missing, never quoting a value
   */
  static CookieRecord parse(JsonNode root) {
    Reader in = new Reader(root);
    String musicKey = in.text(MUSICKEY);
    long loginType = in.number(LOGIN_TYPE);
    LoginKind kind = kind(loginType, musicKey, in);
    String uin = in.uin();
    long keyCreated = in.number(KEY_CREATE_TIME);
    in.require(!musicKey.isEmpty(), MUSICKEY);
    in.require(keyCreated > 0, KEY_CREATE_TIME);
    boolean qq = kind == LoginKind.QQ;
    CookieSet cookies =
        CookieSet.empty()
            .withValue(MusicLogin.UIN, uin)
            .withValue(MusicLogin.MUSIC_KEY, musicKey)
            .withValue(MusicLogin.MUSIC_KEY_ALIAS, musicKey)
            .withValue(MusicLogin.KEY_CREATE_TIME, Long.toString(keyCreated));
    cookies = token(cookies, in, OPENID, qq ? MusicLogin.QQ_OPENID : MusicLogin.WX_OPENID);
    cookies =
        token(
            cookies,
            in,
            REFRESH_TOKEN,
            qq ? MusicLogin.QQ_REFRESH_TOKEN : MusicLogin.WX_REFRESH_TOKEN);
    cookies =
        token(
            cookies,
            in,
            ACCESS_TOKEN,
            qq ? MusicLogin.QQ_ACCESS_TOKEN : MusicLogin.WX_ACCESS_TOKEN);
    cookies = token(cookies, in, UNIONID, qq ? MusicLogin.QQ_UNIONID : MusicLogin.WX_UNIONID);
    long expiredAt = in.number(EXPIRED_AT);
    if (expiredAt > 0) {
      cookies = cookies.withValue(MusicLogin.ACCESS_TOKEN_EXPIRES_AT, Long.toString(expiredAt));
    }
    String encryptUin = in.text(ENCRYPT_UIN);
    if (!encryptUin.isEmpty()) {
      cookies = cookies.withValue(MusicLogin.ENCRYPTED_UIN, encryptUin);
    }
    cookies =
        cookies
            .withValue(
                MusicLogin.TME_LOGIN_TYPE, Long.toString(qq ? QQ_LOGIN_TYPE : WECHAT_LOGIN_TYPE))
            .withValue(MusicLogin.LOGIN_TYPE, qq ? COOKIE_LOGIN_TYPE_QQ : COOKIE_LOGIN_TYPE_WECHAT);
    long keyExpiresIn = in.number(KEY_EXPIRES_IN);
    String refreshKey = in.text(REFRESH_KEY);
    // Read for their types only: they are hints of the app's, which nothing here uses.
    in.number(FIRST_LOGIN);
    in.number(BIND_ACCOUNT_TYPE);
    in.number(NEED_REFRESH_KEY_IN);
    in.throwIfProblems();
    CookieMetadata metadata =
        CookieMetadata.NONE
            .withKeyExpiresIn(keyExpiresIn > 0 ? keyExpiresIn : null)
            .withRefreshKey(refreshKey.isEmpty() ? null : refreshKey);
    return new CookieRecord(cookies, metadata);
  }

  private static CookieSet token(CookieSet cookies, Reader in, Field field, String cookie) {
    String value = in.text(field);
    in.require(!value.isEmpty(), field);
    return cookies.withValue(cookie, value);
  }

  // The library's own rule when loginType is missing or 0: a W_X_ key is WeChat, any other QQ.
  // A loginType that the key's prefix contradicts is refused: renewal goes by the prefix, and would
  // find the tokens under the other login's cookie names.
  private static LoginKind kind(long loginType, String musicKey, Reader in) {
    LoginKind byKey = musicKey.startsWith("W_X") ? LoginKind.WECHAT : LoginKind.QQ;
    if (loginType != QQ_LOGIN_TYPE && loginType != WECHAT_LOGIN_TYPE) {
      if (loginType != 0) {
        in.problems.add(LOGIN_TYPE.name + " is neither 2 (QQ) nor 1 (WeChat)");
      }
      return byKey;
    }
    LoginKind byType = loginType == QQ_LOGIN_TYPE ? LoginKind.QQ : LoginKind.WECHAT;
    boolean keySaysOther =
        byType == LoginKind.QQ ? musicKey.startsWith("W_X") : musicKey.startsWith("Q_H_L_");
    if (keySaysOther) {
      in.problems.add(
          LOGIN_TYPE.name
              + " is "
              + loginType
              + " ("
              + byType.label()
              + "), but musickey is a "
              + (byType == LoginKind.QQ ? LoginKind.WECHAT : LoginKind.QQ).label()
              + " key");
    }
    return byType;
  }

  /** The credential of {@code record}'s login, as the library writes it. */
  static String write(CookieRecord record) {
    MusicLogin login = record.login();
    boolean qq = login.kind() == LoginKind.QQ;
    CookieMetadata meta = record.metadata();
    ObjectNode root = JsonTrees.object();
    root.put(OPENID.name, login.value(qq ? MusicLogin.QQ_OPENID : MusicLogin.WX_OPENID));
    root.put(
        REFRESH_TOKEN.name,
        login.value(qq ? MusicLogin.QQ_REFRESH_TOKEN : MusicLogin.WX_REFRESH_TOKEN));
    root.put(
        ACCESS_TOKEN.name,
        login.value(qq ? MusicLogin.QQ_ACCESS_TOKEN : MusicLogin.WX_ACCESS_TOKEN));
    root.put(EXPIRED_AT.name, orZero(login.accessTokenExpiresAt()));
    root.put(MUSICID.name, login.musicId());
    root.put(MUSICKEY.name, login.musicKey());
    root.put(UNIONID.name, login.value(qq ? MusicLogin.QQ_UNIONID : MusicLogin.WX_UNIONID));
    root.put(STR_MUSICID.name, login.uin());
    root.put(REFRESH_KEY.name, meta.refreshKey() == null ? "" : meta.refreshKey());
    root.put(KEY_CREATE_TIME.name, orZero(login.keyCreatedAt()));
    root.put(
        KEY_EXPIRES_IN.name,
        meta.keyExpiresIn() == null ? ASSUMED_KEY_EXPIRES_IN : meta.keyExpiresIn());
    // Not kept by qmcookie; 0 is the library's own default for each.
    root.put(FIRST_LOGIN.name, 0);
    root.put(BIND_ACCOUNT_TYPE.name, 0);
    root.put(NEED_REFRESH_KEY_IN.name, 0);
    root.put(ENCRYPT_UIN.name, login.value(MusicLogin.ENCRYPTED_UIN));
    root.put(LOGIN_TYPE.name, qq ? QQ_LOGIN_TYPE : WECHAT_LOGIN_TYPE);
    return JsonTrees.pretty(root);
  }

  private static long orZero(OptionalLong value) {
    return value.orElse(0);
  }

  /** Reads fields by either name and collects every problem, so one message names them all. */
  private static final class Reader {
    private final JsonNode root;
    private final List<String> problems = new ArrayList<>();

    Reader(JsonNode root) {
      this.root = root;
    }

    private JsonNode node(Field f) {
      JsonNode v = root.get(f.name);
      if ((v == null || v.isNull()) && f.pythonName != null) {
        v = root.get(f.pythonName);
      }
      return v == null || v.isNull() ? null : v;
    }

    /** The text of a string field, "" when absent; a value unfit for a cookie is a problem. */
    String text(Field f) {
      JsonNode v = node(f);
      if (v == null) {
        return "";
      }
      if (!v.isTextual()) {
        problems.add(f.name + " is not a string");
        return "";
      }
      String bad = CookieRules.unsendableCharacter(v.textValue(), true);
      if (bad != null) {
        problems.add(f.name + " contains " + bad);
        return "";
      }
      return v.textValue().strip();
    }

    /** A whole number field, 0 when absent: a JSON integer, or a string of digits. */
    long number(Field f) {
      JsonNode v = node(f);
      if (v == null) {
        return 0;
      }
      if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) {
        return v.longValue();
      }
      if (v.isTextual() && DIGITS.matcher(v.textValue().strip()).matches()) {
        return Long.parseLong(v.textValue().strip());
      }
      problems.add(f.name + " is not a whole number of at most 18 digits");
      return 0;
    }

    /** The account id from musicid or str_musicid; both, when given, must agree. */
    String uin() {
      long musicId = number(MUSICID);
      String strMusicId = text(STR_MUSICID);
      if (!strMusicId.isEmpty() && !DIGITS.matcher(strMusicId).matches()) {
        problems.add(STR_MUSICID.name + " is not an account number");
        return "";
      }
      String fromStr = strMusicId.isEmpty() ? "" : Long.toString(Long.parseLong(strMusicId));
      if (musicId > 0 && !fromStr.isEmpty() && !fromStr.equals(Long.toString(musicId))) {
        problems.add(MUSICID.name + " and " + STR_MUSICID.name + " name different accounts");
        return "";
      }
      String uin = musicId > 0 ? Long.toString(musicId) : fromStr;
      if (uin.isEmpty() || uin.equals("0")) {
        problems.add("missing " + MUSICID.name + " (or " + STR_MUSICID.name + ")");
        return "";
      }
      return uin;
    }

    void require(boolean present, Field f) {
      if (!present && problems.stream().noneMatch(p -> p.startsWith(f.name + " "))) {
        problems.add("missing " + f.name);
      }
    }

    void throwIfProblems() {
      if (!problems.isEmpty()) {
        throw new InvalidInputException(
            "this qqmusicapi credential cannot be used (save it again from the program that logged"
                + " in, or log in with qmcookie login)",
            problems);
      }
    }
  }
}
