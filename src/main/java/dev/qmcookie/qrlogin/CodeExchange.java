package dev.qmcookie.qrlogin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.renew.LoginAnswer;
import java.time.Instant;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * The last step of both flows: the login code from QQ or WeChat is exchanged on {@code musicu.fcg}
 * for a music key, and the answer becomes a cookie record through the renewal's merge table.
 */
final class CodeExchange {
  static final HttpUrl ENDPOINT = HttpUrl.get("https://u.y.qq.com/cgi-bin/musicu.fcg");
  static final String AGAIN = "run login --qr again";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int CODE_USED = 1000;
  private static final int DEVICE_LIMIT = 20279;

  private CodeExchange() {}

  /**
   * @param expectedUin the account that scanned the code, when the flow knew it before the answer
   *     (QQ's check_sig), or null
   */
  static QrLoginResult exchange(
      FlowSession session,
      LoginKind kind,
      ObjectNode request,
      String expectedUin,
      String userAgent,
      String source,
      Instant now) {
    ObjectNode body = JsonTrees.object();
    body.putObject("comm")
        .put("ct", 24)
        .put("cv", 4747474)
        .put("platform", "yqq.json")
        .put("need_new_code", 1)
        .put("tmeLoginType", tmeLoginType(kind));
    body.set("req1", request);
    List<Cookie> before = session.cookies();
    FlowSession.Answer answer =
        session.post(
            ENDPOINT, RequestBody.create(JsonTrees.compact(body), JSON), "https://y.qq.com/");
    JsonNode data = data(answer);
    // The exchange's own Set-Cookie headers go through the merge, as a renewal's do.
    List<Cookie> setByAnswer = session.cookies().stream().filter(c -> !before.contains(c)).toList();
    return result(kind, before, data, setByAnswer, expectedUin, userAgent, source, now);
  }

  private static JsonNode data(FlowSession.Answer answer) {
    if (answer.status() != 200) {
      throw new TransientFailureException(
          "the login code exchange answered HTTP " + answer.status() + "; " + AGAIN,
          answer.status());
    }
    JsonNode json;
    try {
      json = JsonTrees.read(answer.text());
    } catch (JsonProcessingException e) {
      throw new TransientFailureException(
          "the login code exchange did not answer JSON; " + AGAIN, 0, e);
    }
    int code = json.path("code").asInt(0);
    if (code == 0) {
      code = json.path("req1").path("code").asInt(0);
    }
    if (code == CODE_USED) {
      throw new LoginInvalidException(
          "the server says this login code was already used (code 1000); " + AGAIN, code);
    }
    if (code == DEVICE_LIMIT) {
      throw new LoginInvalidException(
          "the account reached its device limit (code 20279): remove an old device in the QQ"
              + " Music app, then "
              + AGAIN,
          code,
          Verdict.ACCOUNT_PROBLEM,
          null);
    }
    if (code != 0) {
      throw new TransientFailureException(
          "the login code exchange answered code " + code + "; " + AGAIN, code);
    }
    JsonNode data = json.path("req1").path("data");
    if (LoginAnswer.text(data, "musickey").isEmpty()) {
      throw new TransientFailureException(
          "the login code exchange answered without a music key; " + AGAIN, 0);
    }
    return data;
  }

  private static QrLoginResult result(
      LoginKind kind,
      List<Cookie> flowCookies,
      JsonNode data,
      List<Cookie> setByAnswer,
      String expectedUin,
      String userAgent,
      String source,
      Instant now) {
    String uin = accountNumber(LoginAnswer.text(data, "str_musicid"));
    String musicId = accountNumber(LoginAnswer.text(data, "musicid"));
    if (uin.isEmpty()) {
      uin = musicId;
    }
    if (!uin.matches("\\d{1,18}")) {
      throw new TransientFailureException(
          "the login code exchange answered without an account number; " + AGAIN, 0);
    }
    boolean otherAccount =
        (!musicId.isEmpty() && !musicId.equals(uin))
            || (expectedUin != null && !accountNumber(expectedUin).equals(uin));
    if (otherAccount) {
      throw new LoginInvalidException(
          "the server answered for another account ("
              + MessageText.quote(uin)
              + ") than the one that scanned the code; nothing was stored, "
              + AGAIN,
          0);
    }
    CookieSet start = CookieSet.of(flowCookies);
    if (!start.hasValue(MusicLogin.UIN)) {
      start = start.upsert(Cookie.of(MusicLogin.UIN, uin));
    }
    // Seeded so that the merge table picks the right token names for the kind of login.
    start =
        start
            .withValue(MusicLogin.TME_LOGIN_TYPE, Integer.toString(tmeLoginType(kind)))
            .withValue(MusicLogin.LOGIN_TYPE, kind == LoginKind.WECHAT ? "2" : "1");
    CookieRecord merged =
        LoginAnswer.merge(new CookieRecord(start, CookieMetadata.NONE), data, setByAnswer, now);
    // login_type counts the other way round: 1 is QQ, 2 is WeChat.
    String tme = merged.cookies().valueOrEmpty(MusicLogin.TME_LOGIN_TYPE);
    CookieSet cookies =
        merged.cookies().withValue(MusicLogin.LOGIN_TYPE, tme.equals("1") ? "2" : "1");
    CookieMetadata metadata =
        new CookieMetadata(
            merged.metadata().keyExpiresIn(),
            merged.metadata().refreshKey(),
            userAgent,
            now,
            null,
            source);
    return new QrLoginResult(cookies, metadata);
  }

  private static int tmeLoginType(LoginKind kind) {
    return kind == LoginKind.WECHAT ? 1 : 2;
  }

  /** {@code o0123} and {@code 123} are the same account. */
  static String accountNumber(String uin) {
    String digits = uin.startsWith("o") ? uin.substring(1) : uin;
    String trimmed = digits.replaceFirst("^0+(?=\\d)", "");
    return trimmed;
  }
}
