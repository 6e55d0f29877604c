package dev.qmcookie.renew;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.MessageText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asks the server whether a stored cookie is still logged in, with the profile-page request of
 * {@code PROTOCOL.md} ("Checking that a cookie works without renewing it"). It changes nothing on
 * the server, so it may run as often as a status. One request, never retried: a check that cannot
 * get an answer says {@link ServerCheck.Result#UNKNOWN} and why.
 */
public final class LoginCheck {
  /** The real check endpoint; the query is added to any endpoint. */
  public static final String DEFAULT_ENDPOINT =
      "https://c6.y.qq.com/rsc/fcgi-bin/fcg_get_profile_homepage.fcg";

  // The web client's own app id for this page, as the reference library sends it.
  private static final String WEB_CID = "205360838";

  private final OkHttpClient client;
  private final HttpUrl endpoint;
  private final Clock clock;

  public LoginCheck(OkHttpClient client, HttpUrl endpoint, Clock clock) {
    this.client = client;
    this.endpoint = endpoint;
    this.clock = clock;
  }

  /** What the server says of {@code record}'s login; {@code record} is only read. */
  public ServerCheck check(CookieRecord record) {
    Instant at = clock.instant();
    try (Response response = client.newCall(request(endpoint, record)).execute()) {
      if (response.code() != 200) {
        return ServerCheck.unknown(
            at, response.code(), "the server answered HTTP " + response.code() + " instead of 200");
      }
      String text = AnswerBody.read(response.body());
      JsonNode code =
          ResponseReader.parseJson(
                  response.header("Content-Type"), text, words -> Secrets.hide(words, record))
              .path("code");
      if (!code.isIntegralNumber() && !(code.isTextual() && code.asText().matches("-?\\d{1,9}"))) {
        return ServerCheck.unknown(at, 0, "the answer has no code");
      }
      int value = code.asInt();
      if (AnswerCodes.TOO_FREQUENT.contains(value)) {
        // A rate limit, not a word on the login: a refusal would make a good key needs-login.
        return ServerCheck.unknown(
            at, value, "the server says requests are too frequent (code " + value + ")");
      }
      return value == 0 ? ServerCheck.accepted(at) : ServerCheck.refused(at, value);
    } catch (AttemptFailure f) {
      // The reader's messages are qmcookie's own; a quoted page title in them is already cleaned.
      return ServerCheck.unknown(at, f.code(), MessageText.line(f.getMessage()));
    } catch (InterruptedIOException e) {
      return ServerCheck.unknown(at, 0, "the request to " + endpoint.host() + " timed out");
    } catch (UnknownHostException e) {
      return ServerCheck.unknown(at, 0, "cannot resolve " + endpoint.host());
    } catch (ConnectException e) {
      return ServerCheck.unknown(
          at, 0, "cannot connect to " + endpoint.host() + ":" + endpoint.port());
    } catch (IOException e) {
      return ServerCheck.unknown(
          at,
          0,
          "network error talking to " + endpoint.host() + ": " + e.getClass().getSimpleName());
    }
  }

  /** The GET that asks about {@code record}'s login. */
  static Request request(HttpUrl endpoint, CookieRecord record) {
    MusicLogin login = record.login();
    String uin = login.uin();
    String userAgent = record.metadata().userAgent();
    HttpUrl url =
        endpoint
            .newBuilder()
            .setQueryParameter("g_tk", Integer.toString(Hash33.gTk(login.musicKey())))
            .setQueryParameter("format", "json")
            .setQueryParameter("inCharset", "utf-8")
            .setQueryParameter("outCharset", "utf-8")
            .setQueryParameter("notice", "0")
            .setQueryParameter("cid", WEB_CID)
            .setQueryParameter("needNewCode", "0")
            .setQueryParameter("loginUin", uin)
            .setQueryParameter("hostUin", "0")
            .setQueryParameter("userid", uin)
            .setQueryParameter("reqfrom", "1")
            .build();
    return new Request.Builder()
        .url(url)
        .header("Cookie", CookieFormats.header(record.cookies()))
        .header("Referer", RenewalRequests.SITE + "/")
        .header("Accept", "application/json, text/plain, */*")
        .header(
            "User-Agent",
            RenewalRequests.sendable(userAgent) ? userAgent : RenewalRequests.DEFAULT_USER_AGENT)
        .get()
        .build();
  }
}
