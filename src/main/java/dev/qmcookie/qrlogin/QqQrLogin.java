package dev.qmcookie.qrlogin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.renew.Hash33;
import dev.qmcookie.renew.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * QQ's ptlogin2 QR login, as public clients run it: the QQ app scans a code, graph.qq.com turns the
 * confirmed login into a QQ-Connect code for y.qq.com, and musicu.fcg exchanges that code for a
 * music key.
 */
public final class QqQrLogin extends PhoneScanFlow {
  public static final String SOURCE = "login:qr";
  static final String APP_ID = "716027609";
  static final String DA_ID = "383";
  static final String THIRD_APP_ID = "100497308";
  static final HttpUrl SHOW = HttpUrl.get("https://ssl.ptlogin2.qq.com/ptqrshow");
  static final HttpUrl POLL = HttpUrl.get("https://ssl.ptlogin2.qq.com/ptqrlogin");
  static final String CHECK_SIG = "https://ssl.ptlogin2.graph.qq.com/check_sig";
  static final HttpUrl AUTHORIZE = HttpUrl.get("https://graph.qq.com/oauth2.0/authorize");
  static final String LOGIN_JUMP = "https://graph.qq.com/oauth2.0/login_jump";
  static final Duration POLL_PAUSE = Duration.ofSeconds(2);
  private static final String REFERER = "https://xui.ptlogin2.qq.com/";
  // ptuiCB('<code>','0','<url>','0','<msg>','<nick>')
  private static final Pattern CALL = Pattern.compile("ptuiCB\\((.*)\\)");
  private static final Pattern ARGUMENT = Pattern.compile("'([^']*)'");

  /**
   * @param userAgent sent on every request of the flow, and recorded for later renewals, so that
   *     the server sees one device
   */
  public QqQrLogin(OkHttpClient client, Clock clock, Sleeper sleeper, String userAgent) {
    super(client, clock, sleeper, userAgent);
  }

  @Override
  QrLoginResult run(Listener listener, QrWait wait, FlowSession session) {
    String qrsig = showCode(session, listener);
    String last = "";
    while (true) {
      List<String> answer = poll(session, qrsig);
      String code = answer.get(0);
      switch (code) {
        case "66" -> {
          if (!code.equals(last)) {
            listener.waiting();
          }
        }
        case "67" -> {
          if (!code.equals(last)) {
            listener.scanned();
          }
        }
        case "65" -> {
          listener.expired();
          qrsig = showCode(session, listener);
        }
        case "68" ->
            throw new LoginInvalidException(
                "the login was refused on the phone; nothing was stored", 68);
        case "0" -> {
          return finish(session, answer.size() > 2 ? answer.get(2) : "");
        }
        default ->
            throw new TransientFailureException(
                "QQ's login answered code "
                    + MessageText.quote(code)
                    + (answer.size() > 4 ? " (" + MessageText.quote(answer.get(4)) + ")" : "")
                    + "; "
                    + CodeExchange.AGAIN,
                0);
      }
      last = code;
      wait.pause(POLL_PAUSE);
    }
  }

  private String showCode(FlowSession session, Listener listener) {
    HttpUrl url =
        SHOW.newBuilder()
            .addQueryParameter("appid", APP_ID)
            .addQueryParameter("e", "2")
            .addQueryParameter("l", "M")
            .addQueryParameter("s", "3")
            .addQueryParameter("d", "72")
            .addQueryParameter("v", "4")
            .addQueryParameter("t", Double.toString(ThreadLocalRandom.current().nextDouble()))
            .addQueryParameter("daid", DA_ID)
            .addQueryParameter("pt_3rd_aid", THIRD_APP_ID)
            .build();
    FlowSession.Answer answer = session.get(url, REFERER);
    String qrsig = session.cookie("qrsig", POLL);
    if (answer.status() != 200 || qrsig.isEmpty()) {
      throw new TransientFailureException(
          "QQ's login gave no QR code (HTTP " + answer.status() + "); " + CodeExchange.AGAIN,
          answer.status());
    }
    listener.qrCode(new QrImage(answer.body(), "image/png"));
    return qrsig;
  }

  private List<String> poll(FlowSession session, String qrsig) {
    HttpUrl url =
        POLL.newBuilder()
            .addQueryParameter("u1", LOGIN_JUMP)
            .addQueryParameter("ptqrtoken", Integer.toString(Hash33.of(qrsig, 0)))
            .addQueryParameter("ptredirect", "0")
            .addQueryParameter("h", "1")
            .addQueryParameter("t", "1")
            .addQueryParameter("g", "1")
            .addQueryParameter("from_ui", "1")
            .addQueryParameter("ptlang", "2052")
            .addQueryParameter("action", "0-0-" + clock.millis())
            .addQueryParameter("js_ver", "20102616")
            .addQueryParameter("js_type", "1")
            .addQueryParameter("pt_uistyle", "40")
            .addQueryParameter("aid", APP_ID)
            .addQueryParameter("daid", DA_ID)
            .addQueryParameter("pt_3rd_aid", THIRD_APP_ID)
            .addQueryParameter("has_onekey", "1")
            .build();
    FlowSession.Answer answer = session.get(url, REFERER);
    Matcher call = CALL.matcher(answer.text());
    if (answer.status() != 200 || !call.find()) {
      throw new TransientFailureException(
          "QQ's login answered something unexpected (HTTP "
              + answer.status()
              + "); "
              + CodeExchange.AGAIN,
          answer.status());
    }
    List<String> arguments = new ArrayList<>();
    Matcher m = ARGUMENT.matcher(call.group(1));
    while (m.find()) {
      arguments.add(m.group(1));
    }
    if (arguments.isEmpty()) {
      throw new TransientFailureException(
          "QQ's login answered without a code; " + CodeExchange.AGAIN, 0);
    }
    return arguments;
  }

  private QrLoginResult finish(FlowSession session, String confirmed) {
    // Taken from the URL as sent: decoding would turn the '+' of ptsigx into a space.
    String uin = rawParameter(confirmed, "uin");
    String ptsigx = rawParameter(confirmed, "ptsigx");
    if (!uin.matches("o?\\d{1,18}") || ptsigx.isEmpty()) {
      throw new TransientFailureException(
          "QQ's login confirmed without an account and signature; " + CodeExchange.AGAIN, 0);
    }
    HttpUrl checkSig =
        HttpUrl.get(
            CHECK_SIG
                + "?uin="
                + uin
                + "&pttype=1&service=ptqrlogin&nodirect=0&ptsigx="
                + ptsigx
                + "&s_url=https%3A%2F%2Fgraph.qq.com%2Foauth2.0%2Flogin_jump&ptlang=2052"
                + "&ptredirect=100&aid="
                + APP_ID
                + "&daid="
                + DA_ID
                + "&j_later=0&low_login_hour=0&regmaster=0&pt_login_type=3&pt_aid=0&pt_aaid=16"
                + "&pt_light=0&pt_3rd_aid="
                + THIRD_APP_ID);
    FlowSession.Answer signed = session.get(checkSig, REFERER);
    String pSkey = session.cookie("p_skey", AUTHORIZE);
    if (signed.status() >= 400 || pSkey.isEmpty()) {
      throw new TransientFailureException(
          "QQ's check_sig gave no p_skey (HTTP " + signed.status() + "); " + CodeExchange.AGAIN,
          signed.status());
    }
    String code = authorize(session, pSkey);
    ObjectNode request = JsonTrees.object();
    request
        .put("module", "QQConnectLogin.LoginServer")
        .put("method", "QQLogin")
        .putObject("param")
        .put("code", code);
    return CodeExchange.exchange(
        session, LoginKind.QQ, request, uin, userAgent, SOURCE, clock.instant());
  }

  private String authorize(FlowSession session, String pSkey) {
    FormBody form =
        new FormBody.Builder()
            .add("response_type", "code")
            .add("client_id", THIRD_APP_ID)
            .add(
                "redirect_uri",
                "https://y.qq.com/portal/wx_redirect.html?login_type=1&surl=https://y.qq.com/")
            .add("scope", "get_user_info,get_app_friends")
            .add("state", "state")
            .add("switch", "")
            .add("from_ptlogin", "1")
            .add("src", "1")
            .add("update_auth", "1")
            .add("openapi", "1010_1030")
            .add("g_tk", Integer.toString(Hash33.gTk(pSkey)))
            .add("auth_time", Long.toString(clock.millis()))
            .add("ui", UUID.randomUUID().toString())
            .build();
    FlowSession.Answer answer = session.post(AUTHORIZE, form, "https://graph.qq.com/");
    HttpUrl to = answer.location() == null ? null : AUTHORIZE.resolve(answer.location());
    String code = to == null ? null : to.queryParameter("code");
    if (answer.status() / 100 != 3 || code == null || code.isEmpty()) {
      throw new TransientFailureException(
          "graph.qq.com gave no login code (HTTP " + answer.status() + "); " + CodeExchange.AGAIN,
          answer.status());
    }
    return code;
  }

  /** A query parameter exactly as it appears in {@code url}, or "". */
  static String rawParameter(String url, String name) {
    Matcher m = Pattern.compile("[?&]" + Pattern.quote(name) + "=([^&#]*)").matcher(url);
    return m.find() ? m.group(1) : "";
  }
}
