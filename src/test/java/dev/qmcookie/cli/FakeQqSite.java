package dev.qmcookie.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A small stand-in for y.qq.com and QQ's login pages, served on 127.0.0.1. Chrome reaches it under
 * the real host names through {@code --host-resolver-rules}, so real cookie domains apply. It sets
 * cookies as the real site does: Domain=.qq.com ones, HttpOnly ones, host-only ones and ones written
 * by page script; it shows a login dialog with a QR code two iframes deep; and it completes the
 * "login" a while after the QR code was first shown.
 */
final class FakeQqSite implements AutoCloseable {
  static final String QR_TEXT = "https://ptlogin2.qq.com/fake-qr?token=QMCOOKIE-TEST-42";
  static final String UIN = "123456789";
  static final String KEY = "Q_H_L_63k3NfakeBROWSERkeyABCDEF";
  private static final long YEAR = Duration.ofDays(365).toSeconds();

  private final MockWebServer server = new MockWebServer();
  private final Duration loginDelay;
  private final AtomicLong qrShownAt = new AtomicLong();

  /** @param loginDelay how long after the QR code is first shown the login completes */
  FakeQqSite(Duration loginDelay) throws Exception {
    this.loginDelay = loginDelay;
    // Chrome drops its connections when it quits; MockWebServer logs each one as a failure.
    java.util.logging.Logger.getLogger(MockWebServer.class.getName()).setLevel(java.util.logging.Level.OFF);
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answer(request);
          }
        });
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  /** The switches that send Chrome's *.qq.com traffic here. */
  List<String> browserArgs() {
    return List.of(
        "--browser-arg=--host-resolver-rules=MAP *.qq.com 127.0.0.1:" + server.getPort(),
        "--browser-arg=--disable-features=HttpsUpgrades",
        "--browser-arg=--no-proxy-server",
        "--url",
        "http://y.qq.com/");
  }

  private MockResponse answer(RecordedRequest request) {
    String host = request.getHeaders().get("Host");
    host = host == null ? "" : host.replaceFirst(":\\d+$", "");
    String path = request.getUrl().encodedPath();
    switch (host + path) {
      case "y.qq.com/":
        return html(MAIN_PAGE)
            .addHeader("Set-Cookie", "pgv_pvid=8403187130; Domain=.qq.com; Path=/; Max-Age=" + YEAR)
            .addHeader("Set-Cookie", "ts_last=y.qq.com/; Path=/; Max-Age=" + YEAR)
            .build();
      case "graph.qq.com/login":
        return html("<html><body><iframe id='ptlogin_iframe' width='400' height='400'"
                + " src='http://xui.ptlogin2.qq.com/cgi-bin/xlogin'></iframe></body></html>")
            .build();
      case "xui.ptlogin2.qq.com/cgi-bin/xlogin":
        return html(QR_PAGE)
            .addHeader("Set-Cookie", "pt_login_sig=sigFAKE; Path=/; HttpOnly; Max-Age=" + YEAR)
            .build();
      case "xui.ptlogin2.qq.com/ptqrshow":
        qrShownAt.compareAndSet(0, System.nanoTime());
        return new MockResponse.Builder()
            .setHeader("Content-Type", "image/png")
            .setHeader("Cache-Control", "no-store")
            .body(new Buffer().write(qrPng()))
            .build();
      case "xui.ptlogin2.qq.com/ptqrlogin":
        return loginPoll();
      default:
        return new MockResponse.Builder().code(404).body("not here: " + host + path).build();
    }
  }

  private MockResponse loginPoll() {
    long shown = qrShownAt.get();
    if (shown == 0 || System.nanoTime() - shown < loginDelay.toNanos()) {
      return new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("wait").build();
    }
    long now = System.currentTimeMillis() / 1000;
    MockResponse.Builder ok = new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("ok");
    String[] cookies = {
      "uin=" + UIN,
      "qqmusic_key=" + KEY + "; HttpOnly",
      "qm_keyst=" + KEY,
      "psrf_musickey_createtime=" + now,
      "psrf_qqrefresh_token=REFRESHbrowser0001; HttpOnly",
      "psrf_qqaccess_token=ACCESSbrowser0001",
      "psrf_qqopenid=OPENIDbrowser0001",
      "psrf_qqunionid=UNIONIDbrowser0001",
      "psrf_access_token_expiresAt=" + (now + Duration.ofDays(7).toSeconds()),
      "euin=oFAKEbrowser**",
      "tmeLoginType=2",
      "login_type=1",
    };
    for (String c : cookies) {
      ok.addHeader("Set-Cookie", c + "; Domain=.qq.com; Path=/; Max-Age=" + YEAR);
    }
    return ok.build();
  }

  private static MockResponse.Builder html(String body) {
    return new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8").body(body);
  }

  static byte[] qrPng() {
    try {
      BitMatrix m = new QRCodeWriter().encode(QR_TEXT, BarcodeFormat.QR_CODE, 0, 0);
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
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }

  private static final String MAIN_PAGE =
      "<!doctype html><html><head><title>QQ音乐-千万正版音乐海量无损曲库新歌热歌天天畅听的高品质音乐平台！</title>"
          + "<script>document.cookie='fqm_pvqid=89ea2830-fake; domain=.qq.com; path=/; max-age=31536000';</script>"
          + "</head><body><div class='mod_top_login'>"
          + "<a class='top_login__link' href='javascript:;' onclick=\"document.getElementById('dialog').style.display='block'\">登录</a>"
          + "</div><div id='dialog' style='display:none'>"
          + "<iframe id='login_frame' width='500' height='500' src='http://graph.qq.com/login'></iframe>"
          + "</div></body></html>";

  private static final String QR_PAGE =
      "<!doctype html><html><body><div id='qr_area'><img id='qrlogin_img' width='185' height='185'"
          + " src='/ptqrshow'></div><script>"
          + "function poll(){fetch('/ptqrlogin',{cache:'no-store'}).then(r=>r.text()).then(t=>{"
          + "if(t==='ok'){top.location.href='http://y.qq.com/?logged_in=1';}else{setTimeout(poll,300);}"
          + "}).catch(()=>setTimeout(poll,300));}"
          + "setTimeout(poll,300);</script></body></html>";
}
