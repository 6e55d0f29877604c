package dev.qmcookie.qrlogin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.renew.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * WeChat's open-platform QR login for y.qq.com: the WeChat app scans a code, a long poll hands over
 * the confirmed login's code, and musicu.fcg exchanges it for a {@code W_X_} music key.
 */
public final class WeChatQrLogin extends PhoneScanFlow {
  public static final String SOURCE = "login:qr-wechat";
  static final String APP_ID = "wx48db31d50e334801";
  static final HttpUrl CONNECT =
      HttpUrl.get(
          "https://open.weixin.qq.com/connect/qrconnect?appid="
              + APP_ID
              + "&redirect_uri=https%3A%2F%2Fy.qq.com%2Fportal%2Fwx_redirect.html%3Flogin_type%3D2"
              + "%26surl%3Dhttps%3A%2F%2Fy.qq.com%2F&response_type=code&scope=snsapi_login"
              + "&state=STATE&href=https%3A%2F%2Fy.qq.com%2Fmediastyle%2Fmusic_v17%2Fsrc%2Fcss"
              + "%2Fpopup_wechat.css%23wechat_redirect");
  static final HttpUrl IMAGE = HttpUrl.get("https://open.weixin.qq.com/connect/qrcode/");
  static final HttpUrl POLL = HttpUrl.get("https://lp.open.weixin.qq.com/connect/l/qrconnect");
  // The long poll itself waits; this only keeps a server that answers at once from being hammered.
  static final Duration POLL_PAUSE = Duration.ofSeconds(1);
  private static final String REFERER = "https://open.weixin.qq.com/";
  private static final Pattern UUID = Pattern.compile("uuid=(.+?)\"");
  private static final Pattern SAFE_UUID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern ERROR_CODE = Pattern.compile("wx_errcode=(\\d+)");
  private static final Pattern CODE = Pattern.compile("wx_code='([^']*)'");

  /**
   * @param client its read time-out should exceed the long poll's 35 seconds; a time-out only means
   *     "still waiting"
   * @param userAgent sent on every request of the flow, and recorded for later renewals
   */
  public WeChatQrLogin(OkHttpClient client, Clock clock, Sleeper sleeper, String userAgent) {
    super(client, clock, sleeper, userAgent);
  }

  @Override
  QrLoginResult run(Listener listener, QrWait wait, FlowSession session) {
    String uuid = showCode(session, listener);
    String last = "";
    while (true) {
      HttpUrl url =
          POLL.newBuilder()
              .addQueryParameter("uuid", uuid)
              .addQueryParameter("_", Long.toString(clock.millis()))
              .build();
      Optional<FlowSession.Answer> answer = session.longPoll(url, REFERER);
      String body = answer.map(FlowSession.Answer::text).orElse("window.wx_errcode=408;");
      Matcher error = ERROR_CODE.matcher(body);
      if (answer.map(a -> a.status() != 200).orElse(false) || !error.find()) {
        throw new TransientFailureException(
            "WeChat's login answered something unexpected; " + CodeExchange.AGAIN, 0);
      }
      String code = error.group(1);
      switch (code) {
        case "408" -> {
          if (!code.equals(last)) {
            listener.waiting();
          }
        }
        case "404" -> {
          if (!code.equals(last)) {
            listener.scanned();
          }
        }
        case "402" -> {
          listener.expired();
          uuid = showCode(session, listener);
        }
        case "403" ->
            throw new LoginInvalidException(
                "the login was refused on the phone; nothing was stored", 403);
        case "405" -> {
          return finish(session, body);
        }
        default ->
            throw new TransientFailureException(
                "WeChat's login answered code " + code + "; " + CodeExchange.AGAIN, 0);
      }
      last = code;
      wait.pause(POLL_PAUSE);
    }
  }

  private String showCode(FlowSession session, Listener listener) {
    FlowSession.Answer page = session.get(CONNECT, "https://y.qq.com/");
    Matcher m = UUID.matcher(page.text());
    if (page.status() != 200 || !m.find() || !SAFE_UUID.matcher(m.group(1)).matches()) {
      throw new TransientFailureException(
          "WeChat's login page held no QR code (HTTP " + page.status() + "); " + CodeExchange.AGAIN,
          page.status());
    }
    String uuid = m.group(1);
    FlowSession.Answer image =
        session.get(IMAGE.newBuilder().addPathSegment(uuid).build(), CONNECT.toString());
    if (image.status() != 200 || !image.contentType().startsWith("image/")) {
      throw new TransientFailureException(
          "WeChat's login gave no QR image (HTTP " + image.status() + "); " + CodeExchange.AGAIN,
          image.status());
    }
    listener.qrCode(new QrImage(image.body(), image.contentType()));
    return uuid;
  }

  private QrLoginResult finish(FlowSession session, String body) {
    Matcher m = CODE.matcher(body);
    if (!m.find() || m.group(1).isEmpty()) {
      throw new TransientFailureException(
          "WeChat confirmed the login without a code; " + CodeExchange.AGAIN, 0);
    }
    ObjectNode request = JsonTrees.object();
    request
        .put("module", "music.login.LoginServer")
        .put("method", "Login")
        .putObject("param")
        .put("code", m.group(1))
        .put("strAppid", APP_ID);
    return CodeExchange.exchange(
        session, LoginKind.WECHAT, request, null, userAgent, SOURCE, clock.instant());
  }
}
