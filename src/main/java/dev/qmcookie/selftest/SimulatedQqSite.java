package dev.qmcookie.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.sun.net.httpserver.HttpExchange;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * y.qq.com, QQ's login pages and the renewal endpoint, simulated on 127.0.0.1. Chrome reaches it
 * under the real host names through {@code --host-resolver-rules}, so real cookie domains apply.
 *
 * <p>It sets cookies as the real site does: Domain=.qq.com ones, HttpOnly ones, host-only ones and
 * ones written by page script. Its login dialog holds the QR code two iframes deep, like QQ's, and
 * the "login" completes a while after the QR code was first shown. Its renewal endpoint answers
 * like the real one with a new key. Nothing in it is a real credential.
 */
public final class SimulatedQqSite implements AutoCloseable {
  public static final String QR_TEXT =
      "https://ptlogin2.qq.com/qmcookie-selftest?token=not-a-real-login";
  public static final String UIN = "123456789";
  public static final String KEY = "Q_H_L_63k3NselftestKEYnotREAL01";
  public static final String RENEWAL_PATH = "/cgi-bin/musicu.fcg";

  /** How every key the renewal endpoint hands out begins; a count of renewals follows. */
  public static final String RENEWED_KEY = "Q_H_L_63k3NselftestRENEWED";

  private static final long YEAR = Duration.ofDays(365).toSeconds();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoopbackServer server;
  private final Duration loginDelay;
  private final Duration qrLifetime;
  private final AtomicLong qrShownAt = new AtomicLong();
  private final AtomicInteger renewals = new AtomicInteger();

  /**
   * Starts serving on a free loopback port.
   *
   * @param loginDelay how long after the QR code is first shown the login completes
   */
  public SimulatedQqSite(Duration loginDelay) throws IOException {
    this(loginDelay, Duration.ofMinutes(2));
  }

  /**
   * @param qrLifetime how long a QR code stays valid before the page covers it with "expired, click
   *     to refresh"
   */
  public SimulatedQqSite(Duration loginDelay, Duration qrLifetime) throws IOException {
    this.loginDelay = loginDelay;
    this.qrLifetime = qrLifetime;
    this.server = new LoopbackServer("simulated-qq", 4, this::handle);
  }

  public int port() {
    return server.port();
  }

  /** The start page, as Chrome should open it. */
  public String startUrl() {
    return "http://y.qq.com/";
  }

  /** The renewal endpoint, reached directly on loopback. */
  public String renewalUrl() {
    return "http://127.0.0.1:" + port() + RENEWAL_PATH;
  }

  /** The Chrome switches that send *.qq.com here: host mapping, no HTTPS upgrade, no proxy. */
  public List<String> chromeSwitches() {
    return List.of(
        "--host-resolver-rules=MAP *.qq.com 127.0.0.1:" + port(),
        "--disable-features=HttpsUpgrades",
        "--no-proxy-server");
  }

  /** How many renewals the endpoint has answered. */
  public int renewals() {
    return renewals.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String host =
          String.valueOf(exchange.getRequestHeaders().getFirst("Host")).replaceFirst(":\\d+$", "");
      String path = exchange.getRequestURI().getPath();
      if (path.equals(RENEWAL_PATH)) {
        renew(exchange);
        return;
      }
      switch (host + path) {
        case "y.qq.com/" -> {
          setCookie(exchange, "pgv_pvid=8403187130; Domain=.qq.com; Path=/; Max-Age=" + YEAR);
          setCookie(exchange, "ts_last=y.qq.com/; Path=/; Max-Age=" + YEAR);
          send(
              exchange,
              200,
              "text/html; charset=utf-8",
              MAIN_PAGE.getBytes(StandardCharsets.UTF_8));
        }
        case "graph.qq.com/login" ->
            send(exchange, 200, "text/html; charset=utf-8", html(GRAPH_PAGE));
        case "xui.ptlogin2.qq.com/cgi-bin/xlogin" -> {
          setCookie(exchange, "pt_login_sig=sigSIMULATED; Path=/; HttpOnly; Max-Age=" + YEAR);
          send(
              exchange,
              200,
              "text/html; charset=utf-8",
              html(QR_PAGE.replace("QR_LIFETIME_MS", Long.toString(qrLifetime.toMillis()))));
        }
        case "xui.ptlogin2.qq.com/ptqrshow" -> {
          qrShownAt.compareAndSet(0, System.nanoTime());
          exchange.getResponseHeaders().set("Cache-Control", "no-store");
          String query = exchange.getRequestURI().getQuery();
          send(exchange, 200, "image/png", qrPng(query == null ? QR_TEXT : QR_TEXT + "&" + query));
        }
        case "xui.ptlogin2.qq.com/ptqrlogin" -> loginPoll(exchange);
        default -> send(exchange, 404, "text/plain", html("not simulated: " + host + path));
      }
    }
  }

  private void loginPoll(HttpExchange exchange) throws IOException {
    long shown = qrShownAt.get();
    if (shown == 0 || System.nanoTime() - shown < loginDelay.toNanos()) {
      send(exchange, 200, "text/plain", html("wait"));
      return;
    }
    long now = System.currentTimeMillis() / 1000;
    String[] cookies = {
      "uin=" + UIN,
      "qqmusic_key=" + KEY + "; HttpOnly",
      "qm_keyst=" + KEY,
      "psrf_musickey_createtime=" + now,
      "psrf_qqrefresh_token=REFRESHsimulated0001; HttpOnly",
      "psrf_qqaccess_token=ACCESSsimulated0001",
      "psrf_qqopenid=OPENIDsimulated0001",
      "psrf_qqunionid=UNIONIDsimulated0001",
      "psrf_access_token_expiresAt=" + (now + Duration.ofDays(7).toSeconds()),
      "euin=oSIMULATED**",
      "tmeLoginType=2",
      "login_type=1",
    };
    for (String c : cookies) {
      setCookie(exchange, c + "; Domain=.qq.com; Path=/; Max-Age=" + YEAR);
    }
    send(exchange, 200, "text/plain", html("ok"));
  }

  // Answers like the real endpoint: a new key for the account that asked, or 1000 without a login.
  private void renew(HttpExchange exchange) throws IOException {
    String cookie = String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"));
    JsonNode param = JSON.readTree(exchange.getRequestBody()).path("req1").path("param");
    String uin = param.path("str_musicid").asText();
    String answer;
    if (!cookie.contains("uin=") || param.path("musickey").asText().isEmpty()) {
      answer = "{\"code\":1000,\"req1\":{\"code\":1000}}";
    } else {
      int n = renewals.incrementAndGet();
      long now = System.currentTimeMillis() / 1000;
      answer =
          "{\"code\":0,\"req1\":{\"code\":0,\"data\":{\"musicid\":"
              + uin
              + ",\"str_musicid\":\""
              + uin
              + "\",\"musickey\":\""
              + RENEWED_KEY
              + n
              + "\",\"musickeyCreateTime\":"
              + now
              + ",\"refresh_token\":\"\",\"access_token\":\"\",\"keyExpiresIn\":259200,\"loginType\":2}}}";
    }
    send(exchange, 200, "application/json", html(answer));
  }

  private static void setCookie(HttpExchange exchange, String cookie) {
    exchange.getResponseHeaders().add("Set-Cookie", cookie);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] html(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A PNG of {@code text} as a QR code, black on white with a quiet zone, as login pages draw it.
   */
  public static byte[] qrPng(String text) {
    try {
      BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0);
      int scale = 5;
      int border = 4 * scale;
      int size = m.getWidth() * scale + 2 * border;
      BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          int mx = (x - border) / scale;
          int my = (y - border) / scale;
          boolean inside = x >= border && y >= border && mx < m.getWidth() && my < m.getHeight();
          image.setRGB(x, y, inside && m.get(mx, my) ? 0x000000 : 0xFFFFFF);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (WriterException | IOException e) {
      throw new IllegalStateException("cannot draw the simulated QR code", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  private static final String MAIN_PAGE =
      "<!doctype html><html><head><meta charset='utf-8'><title>QQ音乐 (simulated by qmcookie)</title>"
          + "<script>document.cookie='fqm_pvqid=89ea2830-simulated; domain=.qq.com; path=/; max-age=31536000';"
          + "</script></head><body><div class='mod_top_login'>"
          + "<a class='top_login__link' href='javascript:;'"
          + " onclick=\"document.getElementById('dialog').style.display='block'\">登录</a>"
          + "</div><div id='dialog' style='display:none'>"
          + "<iframe id='login_frame' width='500' height='500' src='http://graph.qq.com/login'></iframe>"
          + "</div></body></html>";

  private static final String GRAPH_PAGE =
      "<html><body><iframe id='ptlogin_iframe' width='400' height='400'"
          + " src='http://xui.ptlogin2.qq.com/cgi-bin/xlogin'></iframe></body></html>";

  // The QR code expires after QR_LIFETIME_MS: a cover says so, and clicking it loads a new code.
  private static final String QR_PAGE =
      "<!doctype html><html><body><div id='qr_area' style='position:relative'>"
          + "<img id='qrlogin_img' width='185' height='185' src='/ptqrshow'>"
          + "<div id='qr_invalid' style='display:none;position:absolute;top:0;left:0;width:185px;"
          + "height:185px;background:#fff'>二维码已失效，点击刷新</div></div><script>"
          + "var n=1;function expireLater(){setTimeout(function(){"
          + "document.getElementById('qr_invalid').style.display='block';},QR_LIFETIME_MS);}"
          + "document.getElementById('qr_invalid').onclick=function(){n++;"
          + "document.getElementById('qrlogin_img').src='/ptqrshow?refresh='+n;"
          + "this.style.display='none';expireLater();};expireLater();"
          + "function poll(){fetch('/ptqrlogin',{cache:'no-store'}).then(r=>r.text()).then(t=>{"
          + "if(t==='ok'){top.location.href='http://y.qq.com/?logged_in=1';}else{setTimeout(poll,300);}"
          + "}).catch(()=>setTimeout(poll,300));}"
          + "setTimeout(poll,300);</script></body></html>";
}
