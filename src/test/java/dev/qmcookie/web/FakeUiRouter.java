package dev.qmcookie.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * The /ui/ router as #15's parts agreed it, as far as the page needs it, on 127.0.0.1: the page's
 * files from the class path under the daemon's CSP, and canned JSON that a test changes between
 * steps. It records every POST, so a test can see what the page sent.
 */
final class FakeUiRouter implements AutoCloseable {
  static final String CSRF = "csrf-token-of-this-session";
  static final String TOKEN = "the-api-token";
  static final String CSP =
      "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self';"
          + " frame-ancestors 'none'; form-action 'self'";

  record Post(String path, String csrf, String origin, String contentType, String body) {}

  /** Answers by path below /ui/api/, each a status and a JSON body. */
  final Map<String, String> json = new ConcurrentHashMap<>();

  final List<Post> posts = new CopyOnWriteArrayList<>();
  final AtomicBoolean signedOut = new AtomicBoolean();
  final AtomicBoolean hasSession = new AtomicBoolean(true);
  final AtomicBoolean signInLimited = new AtomicBoolean();

  /** How many loads of /ui/ come without the cookie, as a SameSite=Strict one from webmail does. */
  final AtomicInteger loadsWithoutCookie = new AtomicInteger();

  private final HttpServer server;

  FakeUiRouter() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ui/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getQuery();
      exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      // With it, Chromium sends "Origin: null" with a plain form's post.
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      if (path.equals("/ui/")) {
        boolean cookie = loadsWithoutCookie.getAndUpdate(n -> Math.max(0, n - 1)) == 0;
        String page = hasSession.get() && cookie ? "index.html" : "signin.html";
        send(exchange, 200, "text/html; charset=utf-8", resource(page).replace("{{csrf}}", CSRF));
      } else if (path.equals("/ui/signin")) {
        signIn(exchange, record(exchange));
      } else if (path.equals("/ui/app.js") || path.equals("/ui/app.css")) {
        String type = path.endsWith(".js") ? "text/javascript" : "text/css";
        send(exchange, 200, type + "; charset=utf-8", resource(path.substring(4)));
      } else if (!path.startsWith("/ui/api/")) {
        send(exchange, 404, "text/plain", "");
      } else if (signedOut.get() || !hasSession.get()) {
        send(exchange, 401, "application/json", "{\"error\":\"sign in\"}");
      } else if (exchange.getRequestMethod().equals("POST")) {
        record(exchange);
        answer(exchange, "POST " + path.substring(8));
      } else if (path.endsWith("/qr")) {
        exchange.getResponseHeaders().set("Content-Type", "image/png");
        byte[] png = png(query);
        exchange.sendResponseHeaders(200, png.length);
        exchange.getResponseBody().write(png);
      } else {
        answer(exchange, path.substring(8));
      }
    }
  }

  private Post record(HttpExchange exchange) throws IOException {
    Post post =
        new Post(
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("X-CSRF-Token"),
            exchange.getRequestHeaders().getFirst("Origin"),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    posts.add(post);
    return post;
  }

  // As the daemon does: only its own page may sign in, a limited address waits, and the answer is
  // a redirect either way.
  private void signIn(HttpExchange exchange, Post post) throws IOException {
    String origin = "http://" + exchange.getRequestHeaders().getFirst("Host");
    if (!origin.equals(post.origin())) {
      send(exchange, 403, "text/plain", "this form may be sent only from the page itself\n");
    } else if (signInLimited.get()) {
      exchange.getResponseHeaders().set("Retry-After", "42");
      send(exchange, 429, "text/plain", "too many tries\n");
    } else {
      boolean right = post.body().equals("token=" + TOKEN);
      hasSession.set(right);
      exchange.getResponseHeaders().set("Location", right ? "/ui/" : "/ui/?failed=1");
      send(exchange, 303, "text/plain", "");
    }
  }

  private void answer(HttpExchange exchange, String key) throws IOException {
    String canned = json.get(key);
    if (canned == null) {
      send(exchange, 404, "application/json", "{\"error\":\"no such thing\"}");
      return;
    }
    int space = canned.indexOf(' ');
    send(
        exchange,
        Integer.parseInt(canned.substring(0, space)),
        "application/json",
        canned.substring(space + 1));
  }

  // A code per version, told apart by its size, so a test sees which one the page shows.
  private static byte[] png(String query) {
    int version = Integer.parseInt(query.replaceAll("\\D", ""));
    BufferedImage image = new BufferedImage(20 + version, 20 + version, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 1, Color.BLACK.getRGB());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = FakeUiRouter.class.getResourceAsStream("/dev/qmcookie/web/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
