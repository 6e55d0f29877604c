package dev.qmcookie.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * The QR logins' servers on 127.0.0.1, told apart by the {@code Host} header as the real ones are
 * by name: QQ's ptlogin2 (ptqrshow, ptqrlogin, check_sig), graph.qq.com's authorize, WeChat's
 * qrconnect pages and long poll, and the code exchange on musicu.fcg. The phone is a script: each
 * poll takes the next state (the last one repeats). Nothing in it is a real credential.
 */
public final class SimulatedQrLogin implements AutoCloseable {
  public static final String UIN = "223344556";

  /** A QQ signature with the characters URL-decoding would break. */
  public static final String PTSIGX = "sIg+x/Y9+z/AbC";

  public static final String P_SKEY = "pSKEYsimulatedQR0001";
  public static final String QQ_CODE = "QQCODEsimulated0001";
  public static final String WX_CODE = "WXCODEsimulated0001";
  public static final String QQ_KEY = "Q_H_L_63k3NselftestQRkeyNOTREAL";
  public static final String WX_KEY = "W_X_63k3NselftestQRkeyNOTREAL";
  public static final String REFRESH_KEY = "RKEYsimulatedQR0001";
  public static final long KEY_CREATE_TIME = 1_790_000_000L;
  public static final long KEY_EXPIRES_IN = 259_200L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoopbackServer server;
  private final Deque<String> qqStates = new ArrayDeque<>(List.of("66", "67", "0"));
  private final Deque<String> weChatStates = new ArrayDeque<>(List.of("408", "404", "405"));
  private final AtomicInteger codesShown = new AtomicInteger();
  private final Set<String> usedCodes = new HashSet<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Set<String> userAgents = ConcurrentHashMap.newKeySet();
  private final Map<String, String> lastQuery = new LinkedHashMap<>();
  private volatile String answerUin = UIN;
  private volatile boolean deviceLimit;
  private volatile boolean keysCreatedNow;

  /** Starts serving on a free loopback port. */
  public SimulatedQrLogin() throws IOException {
    server = new LoopbackServer("simulated-qr-login", 2, this::handle);
  }

  public int port() {
    return server.port();
  }

  /** The states QQ's ptqrlogin answers, one per poll: 66, 67, 65, 68 or 0. */
  public synchronized SimulatedQrLogin qqStates(String... states) {
    qqStates.clear();
    qqStates.addAll(List.of(states));
    return this;
  }

  /**
   * The states WeChat's long poll answers, one per poll: 408, 404, 402, 403 or 405; {@code hold}
   * answers nothing for two seconds, as the real long poll holds a request while nothing happens.
   */
  public synchronized SimulatedQrLogin weChatStates(String... states) {
    weChatStates.clear();
    weChatStates.addAll(List.of(states));
    return this;
  }

  /** Makes the code exchange answer 20279, the device limit. */
  public SimulatedQrLogin deviceLimit() {
    deviceLimit = true;
    return this;
  }

  /**
   * Makes the code exchange date its keys by this machine's clock rather than {@link
   * #KEY_CREATE_TIME}, so a login in real time is fresh, as the selftest's must be.
   */
  public SimulatedQrLogin keysCreatedNow() {
    keysCreatedNow = true;
    return this;
  }

  /** Makes the code exchange answer for another account than the one that scanned. */
  public SimulatedQrLogin answerFor(String uin) {
    answerUin = uin;
    return this;
  }

  /** How many QR codes were drawn. */
  public int codesShown() {
    return codesShown.get();
  }

  /** Each request as {@code METHOD host path}, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Every User-Agent the requests carried. */
  public Set<String> userAgents() {
    return Set.copyOf(userAgents);
  }

  /** The raw query string, or form body, the last request to {@code host + path} carried. */
  public synchronized String lastQuery(String hostAndPath) {
    return lastQuery.get(hostAndPath);
  }

  /** The {@code qrsig} of the code drawn {@code n}th (from 1). */
  public static String qrsig(int n) {
    return "QRSIGsimulated" + n + "xyz";
  }

  /** The WeChat QR id of the code drawn {@code n}th (from 1). */
  public static String uuid(int n) {
    return "wxUUIDsimulated" + n;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String host =
          String.valueOf(exchange.getRequestHeaders().getFirst("Host")).replaceFirst(":\\d+$", "");
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.add(exchange.getRequestMethod() + " " + host + path);
      userAgents.add(String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
      synchronized (this) {
        lastQuery.put(
            host + path,
            exchange.getRequestMethod().equals("POST")
                ? new String(body, StandardCharsets.UTF_8)
                : query);
      }
      String cookie = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"));
      if (path.equals("/cgi-bin/musicu.fcg") && host.endsWith("y.qq.com")) {
        exchangeCode(exchange, body);
        return;
      }
      switch (host + path) {
        case "ssl.ptlogin2.qq.com/ptqrshow" -> {
          int n = codesShown.incrementAndGet();
          setCookie(exchange, "qrsig=" + qrsig(n) + "; Path=/; Domain=ptlogin2.qq.com");
          send(exchange, 200, "image/png", SimulatedQqSite.qrPng("qq-selftest-" + n));
        }
        case "ssl.ptlogin2.qq.com/ptqrlogin" -> qqPoll(exchange, cookie);
        case "ssl.ptlogin2.graph.qq.com/check_sig" -> checkSig(exchange, query);
        case "graph.qq.com/oauth2.0/authorize" -> authorize(exchange, cookie);
        case "open.weixin.qq.com/connect/qrconnect" -> {
          int n = codesShown.incrementAndGet();
          String page =
              "<html><body><img class=\"qrcode\" src=\"/connect/qrcode/"
                  + uuid(n)
                  + "\"/><script>var fordevtool = \"https://long.open.weixin.qq.com/connect/l/"
                  + "qrconnect?uuid="
                  + uuid(n)
                  + "\";</script></body></html>";
          send(exchange, 200, "text/html; charset=utf-8", utf8(page));
        }
        case "lp.open.weixin.qq.com/connect/l/qrconnect" -> weChatPoll(exchange, query);
        default -> {
          if (host.equals("open.weixin.qq.com") && path.startsWith("/connect/qrcode/")) {
            send(exchange, 200, "image/jpeg", jpeg(SimulatedQqSite.qrPng(path)));
          } else {
            send(exchange, 404, "text/plain", utf8("not simulated: " + host + path));
          }
        }
      }
    }
  }

  private void qqPoll(HttpExchange exchange, String cookie) throws IOException {
    if (!cookie.contains("qrsig=" + qrsig(codesShown.get()))) {
      send(exchange, 200, "text/javascript", utf8(ptuiCb("65", "", "二维码已失效。")));
      return;
    }
    String state = next(qqStates);
    String url =
        state.equals("0")
            ? "https://ssl.ptlogin2.graph.qq.com/check_sig?pttype=1&uin="
                + UIN
                + "&service=ptqrlogin&nodirect=0&ptsigx="
                + PTSIGX
                + "&s_url=https%3A%2F%2Fgraph.qq.com%2Foauth2.0%2Flogin_jump&f_url=&ptlang=2052"
                + "&ptredirect=100&aid=716027609&daid=383&j_later=0&low_login_hour=0"
                + "&regmaster=0&pt_login_type=3&pt_aid=0&pt_aaid=16&pt_light=0&pt_3rd_aid=100497308"
            : "";
    send(exchange, 200, "text/javascript", utf8(ptuiCb(state, url, "state " + state)));
  }

  private void checkSig(HttpExchange exchange, String query) throws IOException {
    if (query == null || !query.contains("&ptsigx=" + PTSIGX + "&")) {
      send(exchange, 403, "text/plain", utf8("bad ptsigx"));
      return;
    }
    setCookie(exchange, "p_skey=" + P_SKEY + "; Path=/; Domain=graph.qq.com; HttpOnly");
    setCookie(exchange, "p_uin=o0" + UIN + "; Path=/; Domain=graph.qq.com");
    setCookie(exchange, "pt2gguin=o0" + UIN + "; Path=/; Domain=qq.com");
    setCookie(exchange, "uin=o0" + UIN + "; Path=/; Domain=qq.com");
    setCookie(exchange, "skey=@SKEYsim; Path=/; Domain=qq.com");
    exchange.getResponseHeaders().set("Location", "https://graph.qq.com/oauth2.0/login_jump");
    send(exchange, 302, "text/html", utf8(""));
  }

  private void authorize(HttpExchange exchange, String cookie) throws IOException {
    if (!cookie.contains("p_skey=" + P_SKEY)) {
      send(exchange, 403, "text/plain", utf8("not logged in"));
      return;
    }
    exchange
        .getResponseHeaders()
        .set(
            "Location",
            "https://y.qq.com/portal/wx_redirect.html?login_type=1&surl=https://y.qq.com/&code="
                + QQ_CODE
                + "&state=state");
    send(exchange, 302, "text/html", utf8(""));
  }

  private void weChatPoll(HttpExchange exchange, String query) throws IOException {
    if (query == null || !query.contains("uuid=" + uuid(codesShown.get()))) {
      send(exchange, 200, "text/javascript", utf8("window.wx_errcode=402;window.wx_code='';"));
      return;
    }
    String state = next(weChatStates);
    if (state.equals("hold")) {
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      state = "408";
    }
    String code = state.equals("405") ? WX_CODE : "";
    send(
        exchange,
        200,
        "text/javascript",
        utf8("window.wx_errcode=" + state + ";window.wx_code='" + code + "';"));
  }

  // Each code works once, as the real exchange's: a second use answers 1000.
  private void exchangeCode(HttpExchange exchange, byte[] body) throws IOException {
    JsonNode req = JSON.readTree(body).path("req1");
    String code = req.path("param").path("code").asText();
    boolean weChat = req.path("module").asText().equals("music.login.LoginServer");
    String expected = weChat ? WX_CODE : QQ_CODE;
    String answer;
    if (!code.equals(expected)) {
      answer = "{\"code\":0,\"req1\":{\"code\":1000}}";
    } else if (deviceLimit) {
      answer = "{\"code\":0,\"req1\":{\"code\":20279}}";
    } else if (!markUsed(code)) {
      answer = "{\"code\":0,\"req1\":{\"code\":1000}}";
    } else {
      String key = weChat ? WX_KEY : QQ_KEY;
      setCookie(exchange, "qqmusic_key=" + key + "; Path=/; Domain=qq.com");
      setCookie(exchange, "qm_keyst=" + key + "; Path=/; Domain=qq.com");
      setCookie(exchange, "uin=" + answerUin + "; Path=/; Domain=qq.com");
      answer =
          "{\"code\":0,\"req1\":{\"code\":0,\"data\":{"
              + "\"openid\":\"OPENIDqr\",\"refresh_token\":\"REFRESHqr\",\"access_token\":"
              + "\"ACCESSqr\",\"expired_at\":1790600000,\"musicid\":"
              + answerUin
              + ",\"musickey\":\""
              + key
              + "\",\"musickeyCreateTime\":"
              + (keysCreatedNow ? System.currentTimeMillis() / 1000 : KEY_CREATE_TIME)
              + ",\"unionid\":\"UNIONIDqr\",\"str_musicid\":\""
              + answerUin
              + "\",\"encryptUin\":\"oQRsimulated**\",\"keyExpiresIn\":"
              + KEY_EXPIRES_IN
              + ",\"refresh_key\":\""
              + REFRESH_KEY
              + "\",\"loginType\":"
              + (weChat ? 1 : 2)
              + "}}}";
    }
    send(exchange, 200, "application/json", utf8(answer));
  }

  private synchronized boolean markUsed(String code) {
    return usedCodes.add(code);
  }

  private synchronized String next(Deque<String> states) {
    return states.size() > 1 ? states.removeFirst() : states.getFirst();
  }

  private static String ptuiCb(String code, String url, String message) {
    return "ptuiCB('" + code + "','0','" + url + "','0','" + message + "', 'selftest')";
  }

  private static byte[] jpeg(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void setCookie(HttpExchange exchange, String cookie) {
    exchange.getResponseHeaders().add("Set-Cookie", cookie);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.close();
  }
}
