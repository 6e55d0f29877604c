package dev.qmcookie.cookie;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.MessageText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a QQ Music login consists of, read from a cookie set: the account id, the music key, when it
 * was issued, and the OAuth tokens renewal needs. See {@code docs/protocol.md}.
 */
public final class MusicLogin {
  public static final String UIN = "uin";
  public static final String WX_UIN = "wxuin";
  public static final String MUSIC_KEY = "qqmusic_key";
  public static final String MUSIC_KEY_ALIAS = "qm_keyst";
  public static final String KEY_CREATE_TIME = "psrf_musickey_createtime";
  public static final String ACCESS_TOKEN_EXPIRES_AT = "psrf_access_token_expiresAt";
  public static final String ENCRYPTED_UIN = "euin";
  public static final String LOGIN_TYPE = "login_type";
  public static final String TME_LOGIN_TYPE = "tmeLoginType";

  public static final String QQ_REFRESH_TOKEN = "psrf_qqrefresh_token";
  public static final String QQ_ACCESS_TOKEN = "psrf_qqaccess_token";
  public static final String QQ_OPENID = "psrf_qqopenid";
  public static final String QQ_UNIONID = "psrf_qqunionid";

  public static final String WX_REFRESH_TOKEN = "wxrefresh_token";
  public static final String WX_ACCESS_TOKEN = "wxaccess_token";
  public static final String WX_OPENID = "wxopenid";
  public static final String WX_UNIONID = "wxunionid";

  private static final List<String> QQ_TOKENS =
      List.of(QQ_REFRESH_TOKEN, QQ_ACCESS_TOKEN, QQ_OPENID, QQ_UNIONID);
  private static final List<String> WX_TOKENS =
      List.of(WX_REFRESH_TOKEN, WX_ACCESS_TOKEN, WX_OPENID, WX_UNIONID);

  // Fields that decide whose login this is and how it renews: two differing copies in one slot
  // leave it to each reader (and y.qq.com) which one counts.
  private static final List<String> LOGIN_FIELDS =
      List.of(
          UIN,
          WX_UIN,
          MUSIC_KEY,
          MUSIC_KEY_ALIAS,
          QQ_REFRESH_TOKEN,
          QQ_ACCESS_TOKEN,
          QQ_OPENID,
          QQ_UNIONID,
          WX_REFRESH_TOKEN,
          WX_ACCESS_TOKEN,
          WX_OPENID,
          WX_UNIONID);

  private static final Pattern UIN_PATTERN = Pattern.compile("o?\\d{1,18}");
  // 18 digits always fit a long; longer "times" are malformed, not a crash.
  private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
  // Times above this are milliseconds: 10^11 seconds is the year 5138.
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  /**
   * How far in the future a key's creation time may lie: this computer's clock and the server's
   * differ a little. Beyond it, the time is wrong and so is every age and due time computed from
   * it.
   */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final CookieSet cookies;
  private final LoginKind kind;

  private MusicLogin(CookieSet cookies) {
    this.cookies = cookies;
    this.kind = detectKind(cookies);
  }

  public static MusicLogin of(CookieSet cookies) {
    return new MusicLogin(cookies);
  }

  /** A login is complete once the account id and a music key exist (QQ or WeChat). */
  public boolean isComplete() {
    return !uin().isEmpty() && !musicKey().isEmpty();
  }

  public CookieSet cookies() {
    return cookies;
  }

  public LoginKind kind() {
    return kind;
  }

  /** The music key: {@code qqmusic_key}, else {@code qm_keyst}; "" when neither is set. */
  public String musicKey() {
    String key = cookies.valueOrEmpty(MUSIC_KEY);
    return key.isEmpty() ? cookies.valueOrEmpty(MUSIC_KEY_ALIAS) : key;
  }

  /**
   * The account id as digits, without the {@code o} prefix or leading zeros; "" when absent or
   * malformed. WeChat logins may carry it in {@code wxuin} instead of {@code uin}.
   */
  public String uin() {
    String raw = rawUin();
    if (!UIN_PATTERN.matcher(raw).matches()) {
      return "";
    }
    String digits = raw.startsWith("o") ? raw.substring(1) : raw;
    String trimmed = digits.replaceFirst("^0+(?=\\d)", "");
    return trimmed.length() > 18 ? "" : trimmed;
  }

  /** The account id as a number, for the renewal request's {@code musicid}. */
  public long musicId() {
    String uin = uin();
    return uin.isEmpty() ? 0 : Long.parseLong(uin);
  }

  /** When the music key was issued, in Unix seconds. */
  public OptionalLong keyCreatedAt() {
    return epochSeconds(KEY_CREATE_TIME);
  }

  /** When the QQ-Connect access token expires, in Unix seconds, if the cookie says. */
  public OptionalLong accessTokenExpiresAt() {
    return epochSeconds(ACCESS_TOKEN_EXPIRES_AT);
  }

  public String value(String name) {
    return cookies.valueOrEmpty(name);
  }

  /** Each missing or malformed field that renewal needs; empty when the login can be renewed. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    String rawUin = rawUin();
    String uinName = kind == LoginKind.WECHAT && !cookies.hasValue(UIN) ? WX_UIN : UIN;
    if (rawUin.isEmpty()) {
      problems.add("missing " + uinName);
    } else if (uin().isEmpty()) {
      problems.add(uinName + " is not an account number (\"" + MessageText.quote(rawUin) + "\")");
    }
    if (musicKey().isEmpty()) {
      problems.add("missing " + MUSIC_KEY + " (or " + MUSIC_KEY_ALIAS + ")");
    }
    checkEpoch(KEY_CREATE_TIME, true, problems);
    checkEpoch(ACCESS_TOKEN_EXPIRES_AT, false, problems);
    for (String token : kind == LoginKind.WECHAT ? WX_TOKENS : QQ_TOKENS) {
      if (!cookies.hasValue(token)) {
        problems.add("missing " + token);
      }
    }
    problems.addAll(conflictingDuplicates());
    return problems;
  }

  /**
   * Each login field with differing copies that one reader would see together: all the copies
   * y.qq.com is sent (whatever their domain and path: the header export and the renewal send them
   * all), or two in one slot elsewhere. An account number counts as the same in its spellings
   * ({@code o0123} and {@code 123}).
   */
  private List<String> conflictingDuplicates() {
    List<String> problems = new ArrayList<>();
    for (String field : LOGIN_FIELDS) {
      Map<String, Set<String>> valuesByReader = new LinkedHashMap<>();
      for (Cookie c : cookies) {
        if (c.name().equals(field)) {
          String reader =
              c.appliesTo(CookieSet.MUSIC_HOST)
                  ? "the cookies sent to " + CookieSet.MUSIC_HOST
                  : MessageText.quote(c.domain()) + ", path " + MessageText.quote(c.path());
          String value =
              field.equals(UIN) || field.equals(WX_UIN) ? accountNumber(c.value()) : c.value();
          valuesByReader.computeIfAbsent(reader, k -> new HashSet<>()).add(value);
        }
      }
      valuesByReader.forEach(
          (reader, values) -> {
            if (values.size() > 1) {
              problems.add(
                  field
                      + " appears "
                      + values.size()
                      + " times with different values in "
                      + reader);
            }
          });
    }
    return problems;
  }

  private static String accountNumber(String raw) {
    String trimmed = raw.trim();
    if (!UIN_PATTERN.matcher(trimmed).matches()) {
      return trimmed;
    }
    return (trimmed.startsWith("o") ? trimmed.substring(1) : trimmed)
        .replaceFirst("^0+(?=\\d)", "");
  }

  /** True when the key claims to be issued more than {@link #CLOCK_SKEW} after {@code now}. */
  public boolean keyCreatedInFuture(Instant now) {
    OptionalLong created = keyCreatedAt();
    return created.isPresent()
        && Instant.ofEpochSecond(created.getAsLong()).isAfter(now.plus(CLOCK_SKEW));
  }

  /** As {@link #problems()}, and also a key creation time in the future of {@code now}. */
  public List<String> problems(Instant now) {
    List<String> problems = problems();
    if (keyCreatedInFuture(now)) {
      problems.add(
          KEY_CREATE_TIME
              + " is "
              + Instant.ofEpochSecond(keyCreatedAt().getAsLong())
              + ", more than "
              + CLOCK_SKEW.toMinutes()
              + " minutes in the future (check this"
              + " computer's clock, or copy a fresh cookie)");
    }
    return problems;
  }

  /**
   * Checks that renewal has everything it needs and that the key was not issued in the future.
   *
   * @throws InvalidInputException naming every missing or malformed field
   */
  public MusicLogin requireRenewable(Instant now) {
    return require(problems(now));
  }

  /**
   * Checks that renewal has everything it needs.
   *
   * @throws InvalidInputException naming every missing or malformed field
   */
  public MusicLogin requireRenewable() {
    return require(problems());
  }

  private MusicLogin require(List<String> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          "this " + kind.label() + " login cookie cannot be renewed", problems);
    }
    return this;
  }

  private String rawUin() {
    String uin = cookies.valueOrEmpty(UIN).trim();
    if (uin.isEmpty() && kind == LoginKind.WECHAT) {
      uin = cookies.valueOrEmpty(WX_UIN).trim();
    }
    return uin;
  }

  private OptionalLong epochSeconds(String name) {
    String raw = cookies.valueOrEmpty(name).trim();
    if (!DIGITS.matcher(raw).matches()) {
      return OptionalLong.empty();
    }
    long value = Long.parseLong(raw);
    if (value <= 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(value >= MILLIS_THRESHOLD ? value / 1000 : value);
  }

  private void checkEpoch(String name, boolean required, List<String> problems) {
    String raw = cookies.valueOrEmpty(name).trim();
    if (raw.isEmpty()) {
      if (required) {
        problems.add("missing " + name);
      }
    } else if (epochSeconds(name).isEmpty()) {
      problems.add(name + " is not a Unix time (\"" + MessageText.quote(raw) + "\")");
    }
  }

  // The key's prefix is the surest sign; the cookie's own login fields come next. Note that
  // login_type (1 = QQ, 2 = WeChat) and tmeLoginType (2 = QQ, 1 = WeChat) use opposite scales.
  private static LoginKind detectKind(CookieSet cookies) {
    String key = cookies.valueOrEmpty(MUSIC_KEY);
    if (key.isEmpty()) {
      key = cookies.valueOrEmpty(MUSIC_KEY_ALIAS);
    }
    if (key.startsWith("W_X_")) {
      return LoginKind.WECHAT;
    }
    if (key.startsWith("Q_H_L_")) {
      return LoginKind.QQ;
    }
    String loginType = cookies.valueOrEmpty(LOGIN_TYPE).trim();
    if (loginType.equals("2")) {
      return LoginKind.WECHAT;
    }
    if (loginType.equals("1")) {
      return LoginKind.QQ;
    }
    String tme = cookies.valueOrEmpty(TME_LOGIN_TYPE).trim();
    if (tme.equals("1")) {
      return LoginKind.WECHAT;
    }
    if (tme.equals("2")) {
      return LoginKind.QQ;
    }
    if (!cookies.hasValue(QQ_REFRESH_TOKEN) && cookies.hasValue(WX_REFRESH_TOKEN)) {
      return LoginKind.WECHAT;
    }
    return LoginKind.QQ;
  }
}
