package dev.qmcookie.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.qrlogin.QrImage;
import dev.qmcookie.schedule.ApiServer;
import dev.qmcookie.schedule.Daemon;
import dev.qmcookie.schedule.PageHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The daemon's page under {@code /ui/}: the sign-in with the API token, the session cookie, the
 * page's files and its JSON. Every answer carries the headers that keep the page out of frames,
 * caches and referrers; every POST needs the page's own {@code Origin}, and every POST of a
 * signed-in page its session's CSRF token too. Closing it ends its QR logins.
 */
public final class UiServer implements HttpHandler, AutoCloseable {
  /** The session cookie's name. */
  public static final String COOKIE = "qmcookie_session";

  private static final String ROOT = "/ui/";
  private static final String API = ROOT + "api/";
  private static final String JSON = "application/json; charset=utf-8";
  private static final String CSRF_PLACEHOLDER = "{{csrf}}";
  private static final Set<String> QR_TYPES = Set.of("image/png", "image/jpeg", "image/gif");

  private final byte[] tokenHash;
  private final AccountsJson accounts;
  private final LoopRequests loop;
  private final QrLogins qrLogins;
  private final Sessions sessions;
  private final SignInLimiter limiter;
  private final PageFiles files;
  private final PageOrigin origin;
  private final boolean secure;

  /**
   * @param token the API token, which signs a person in
   * @param publicUrl where users reach the page, or null: then its origin is the only one allowed
   *     to post, and an https one makes the session cookie {@code Secure}
   */
  public UiServer(
      String token,
      AccountsJson accounts,
      LoopRequests loop,
      QrLogins qrLogins,
      Sessions sessions,
      SignInLimiter limiter,
      PageFiles files,
      HttpUrl publicUrl) {
    this.tokenHash = sha256(token);
    this.accounts = accounts;
    this.loop = loop;
    this.qrLogins = qrLogins;
    this.sessions = sessions;
    this.limiter = limiter;
    this.files = files;
    this.origin = new PageOrigin(publicUrl);
    this.secure = publicUrl != null && publicUrl.isHttps();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      PageHeaders.apply(exchange.getResponseHeaders());
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      if (path.equals(ROOT) || path.equals("/ui")) {
        if (!allow(exchange, "GET")) {
          return;
        }
        if (path.equals("/ui")) {
          redirect(exchange, ROOT);
          return;
        }
        servePage(exchange);
      } else if (path.equals(ROOT + "signin")) {
        if (allow(exchange, "POST")) {
          signIn(exchange);
        }
      } else if (path.equals(ROOT + "signout")) {
        if (allow(exchange, "POST")) {
          signOut(exchange);
        }
      } else if (path.equals(ROOT + "app.css") || path.equals(ROOT + "app.js")) {
        if (allow(exchange, "GET")) {
          serveFile(exchange, path.substring(ROOT.length()));
        }
      } else if (path.startsWith(API)) {
        api(exchange, method, path.substring(API.length()));
      } else {
        sendText(exchange, 404, "not found\n");
      }
    }
  }

  /** Ends the page's own work: its QR logins, when they can be closed (the daemon's can). */
  @Override
  public void close() throws Exception {
    if (qrLogins instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  // ---- the page and its files

  private void servePage(HttpExchange exchange) throws IOException {
    Optional<Sessions.Session> session = session(exchange);
    if (session.isEmpty()) {
      serveFile(exchange, "signin.html");
      return;
    }
    Optional<PageFiles.File> index = files.get("index.html");
    if (index.isEmpty()) {
      sendText(exchange, 404, "not found\n");
      return;
    }
    String html =
        new String(index.get().bytes(), StandardCharsets.UTF_8)
            .replace(CSRF_PLACEHOLDER, session.get().csrf());
    send(exchange, 200, index.get().mediaType(), html.getBytes(StandardCharsets.UTF_8));
  }

  private void serveFile(HttpExchange exchange, String name) throws IOException {
    Optional<PageFiles.File> file = files.get(name);
    if (file.isEmpty()) {
      sendText(exchange, 404, "not found\n");
      return;
    }
    send(exchange, 200, file.get().mediaType(), file.get().bytes());
  }

  // ---- signing in and out

  private void signIn(HttpExchange exchange) throws IOException {
    if (!origin.allows(exchange)) {
      sendText(exchange, 403, "this form may be sent only from the page itself\n");
      return;
    }
    String address = exchange.getRemoteAddress().getAddress().getHostAddress();
    String given = formField(body(exchange), "token").orElse("");
    // Counted before the comparison, so parallel wrong tries cannot pass the limit together.
    Optional<Duration> wait = limiter.tryAcquire(address);
    boolean right = MessageDigest.isEqual(sha256(given.strip()), tokenHash);
    if (right) {
      // The token has 256 bits, so a right one is never limited: behind a reverse proxy every
      // client shares one address, and strangers' wrong tries must not lock the owner out.
      if (wait.isEmpty()) {
        limiter.succeeded(address);
      }
    } else if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
      sendText(exchange, 429, "too many wrong tokens: try again in " + seconds + "s\n");
      return;
    } else {
      redirect(exchange, ROOT + "?failed=1");
      return;
    }
    // A browser signing in again leaves no second live session behind its old cookie.
    session(exchange).ifPresent(old -> sessions.close(old.id()));
    Sessions.Session session = sessions.open();
    exchange
        .getResponseHeaders()
        .add(
            "Set-Cookie",
            COOKIE
                + "="
                + session.id()
                + "; Path="
                + ROOT
                + "; HttpOnly; SameSite=Strict; Max-Age="
                + Sessions.LIFETIME.toSeconds()
                + (secure ? "; Secure" : ""));
    redirect(exchange, ROOT);
  }

  private void signOut(HttpExchange exchange) throws IOException {
    Optional<Sessions.Session> session = session(exchange);
    if (session.isPresent()) {
      if (!postAllowed(exchange, session.get())) {
        return;
      }
      sessions.close(session.get().id());
    }
    exchange
        .getResponseHeaders()
        .add(
            "Set-Cookie",
            COOKIE
                + "=; Path="
                + ROOT
                + "; HttpOnly; SameSite=Strict; Max-Age=0"
                + (secure ? "; Secure" : ""));
    redirect(exchange, ROOT);
  }

  // ---- the JSON

  private void api(HttpExchange exchange, String method, String rest) throws IOException {
    Optional<Sessions.Session> session = session(exchange);
    if (session.isEmpty()) {
      sendError(exchange, 401, "sign in");
      return;
    }
    if (method.equals("POST") && !postAllowed(exchange, session.get())) {
      return;
    }
    List<String> parts = segments(rest);
    if (parts == null) {
      sendError(exchange, 404, "not found");
      return;
    }
    try {
      route(exchange, method, parts);
    } catch (UnsupportedOperationException unavailable) {
      sendError(exchange, 503, unavailable.getMessage());
    }
  }

  private void route(HttpExchange exchange, String method, List<String> parts) throws IOException {
    String first = parts.get(0);
    int n = parts.size();
    if (first.equals("accounts") && n == 1) {
      if (allow(exchange, "GET")) {
        sendJson(exchange, 200, accounts.accounts());
      }
    } else if (first.equals("accounts") && n == 3) {
      accountAction(exchange, parts.get(1), parts.get(2));
    } else if (first.equals("logins") && n == 2) {
      if (allow(exchange, "GET")) {
        loginView(exchange, parts.get(1));
      }
    } else if (first.equals("logins") && n == 3 && parts.get(2).equals("qr")) {
      if (allow(exchange, "GET")) {
        loginImage(exchange, parts.get(1));
      }
    } else {
      sendError(exchange, 404, "not found");
    }
  }

  private void accountAction(HttpExchange exchange, String name, String action) throws IOException {
    switch (action) {
      case "history" -> {
        if (allow(exchange, "GET")) {
          Optional<String> history = accounts.history(name);
          if (history.isEmpty()) {
            sendError(exchange, 404, "no such account");
          } else {
            sendJson(exchange, 200, history.get());
          }
        }
      }
      case "renew", "check" -> {
        if (allow(exchange, "POST")) {
          if (accounts.find(name).isEmpty()) {
            sendError(exchange, 404, "no such account");
            return;
          }
          loop.request(action.equals("renew") ? Daemon.Action.RENEW : Daemon.Action.CHECK, name);
          sendJson(exchange, 202, "{\"queued\":true}");
        }
      }
      case "login" -> {
        if (allow(exchange, "POST")) {
          startLogin(exchange, name);
        }
      }
      default -> sendError(exchange, 404, "not found");
    }
  }

  private void startLogin(HttpExchange exchange, String name) throws IOException {
    if (!accounts.allowedName(name)) {
      sendError(
          exchange,
          400,
          "the account name is not allowed: use 1 to 64 letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit");
      return;
    }
    String kind;
    try {
      JsonNode body = JsonTrees.read(body(exchange));
      kind = body.path("kind").asText("");
    } catch (IOException notJson) {
      kind = "";
    }
    if (!kind.equals("qq") && !kind.equals("wechat")) {
      sendError(exchange, 400, "send {\"kind\":\"qq\"} or {\"kind\":\"wechat\"}");
      return;
    }
    String flow;
    try {
      flow = qrLogins.start(name, kind.equals("wechat"));
    } catch (IllegalStateException running) {
      ObjectNode answer = JsonTrees.object();
      answer.put("error", "a login of this account is running already");
      answer.put("flow", running.getMessage());
      sendJson(exchange, 409, JsonTrees.compact(answer));
      return;
    } catch (TransientFailureException busy) {
      // DaemonQrLogins.RUNNING_LIMIT flows run already.
      sendError(exchange, 503, busy.getMessage());
      return;
    }
    sendJson(exchange, 201, JsonTrees.compact(JsonTrees.object().put("flow", flow)));
  }

  private void loginView(HttpExchange exchange, String flowId) throws IOException {
    Optional<QrLoginView> view = qrLogins.view(flowId);
    if (view.isEmpty()) {
      sendError(exchange, 404, "no such login");
      return;
    }
    QrLoginView v = view.get();
    ObjectNode answer = JsonTrees.object();
    answer.put("flow", v.flow());
    answer.put("account", v.account());
    answer.put("kind", v.kind());
    answer.put("state", v.state());
    answer.put("message", v.message());
    answer.put("qrVersion", v.qrVersion());
    sendJson(exchange, 200, JsonTrees.compact(answer));
  }

  private void loginImage(HttpExchange exchange, String flowId) throws IOException {
    Optional<QrImage> image = qrLogins.image(flowId);
    if (image.isEmpty()) {
      sendError(exchange, 404, "no code yet");
      return;
    }
    String type = image.get().mediaType();
    // Only a raster type: the page's img element is all that should ever show these bytes, and
    // an SVG opened on its own would run its scripts in the page's origin.
    if (!QR_TYPES.contains(type)) {
      sendError(exchange, 404, "no code yet");
      return;
    }
    send(exchange, 200, type, image.get().bytes());
  }

  // ---- the checks

  private boolean postAllowed(HttpExchange exchange, Sessions.Session session) throws IOException {
    String csrf = exchange.getRequestHeaders().getFirst("X-CSRF-Token");
    if (csrf == null
        || !MessageDigest.isEqual(
            csrf.getBytes(StandardCharsets.UTF_8),
            session.csrf().getBytes(StandardCharsets.UTF_8))) {
      sendError(exchange, 403, "the page's CSRF token is missing or wrong: reload the page");
      return false;
    }
    if (!origin.allows(exchange)) {
      sendError(exchange, 403, "this request may be sent only from the page itself");
      return false;
    }
    return true;
  }

  private Optional<Sessions.Session> session(HttpExchange exchange) {
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return Optional.empty();
    }
    for (String header : headers) {
      for (String pair : header.split(";")) {
        String p = pair.strip();
        if (p.startsWith(COOKIE + "=")) {
          Optional<Sessions.Session> found = sessions.find(p.substring(COOKIE.length() + 1));
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean allow(HttpExchange exchange, String method) throws IOException {
    if (exchange.getRequestMethod().equals(method)) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", method);
    sendText(exchange, 405, "only " + method + "\n");
    return false;
  }

  // ---- reading and answering

  // ApiServer has refused a body over its limit before this reads it; the limit here is a second
  // guard, should the handler ever be served by something else.
  private static String body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return new String(in.readNBytes(ApiServer.BODY_LIMIT), StandardCharsets.UTF_8);
    }
  }

  static Optional<String> formField(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        try {
          return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEscape) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  // The path's parts, decoded; null when one is empty or cannot be decoded.
  private static List<String> segments(String rest) {
    String[] raw = rest.split("/", -1);
    String[] decoded = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      try {
        decoded[i] = URLDecoder.decode(raw[i].replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException badEscape) {
        return null;
      }
      if (decoded[i].isEmpty()) {
        return null;
      }
    }
    return List.of(decoded);
  }

  private static void redirect(HttpExchange exchange, String to) throws IOException {
    exchange.getResponseHeaders().set("Location", to);
    sendText(exchange, 303, "see " + to + "\n");
  }

  private static void sendError(HttpExchange exchange, int status, String message)
      throws IOException {
    sendJson(exchange, status, JsonTrees.compact(JsonTrees.object().put("error", message)));
  }

  private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, status, JSON, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
