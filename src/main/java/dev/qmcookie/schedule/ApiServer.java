package dev.qmcookie.schedule;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.qmcookie.cookie.CookieFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * The daemon's small HTTP endpoint ({@code --listen}), loopback-only unless told otherwise:
 *
 * <ul>
 *   <li>{@code GET /healthz}: the daemon is up;
 *   <li>{@code GET /v1/accounts}: the status of each account (keys masked);
 *   <li>{@code GET
 *       /v1/accounts/NAME/cookie?format=header|json|netscape|playwright|cookie-editor|qqmusicapi}:
 *       the cookie itself.
 * </ul>
 *
 * Everything under {@code /v1/} needs {@code Authorization: Bearer TOKEN}. Without it, or with a
 * wrong one, the answer is a bare 401 that says nothing about accounts.
 *
 * <p>A page handler, when given, serves everything under {@code /ui/} on the same workers, with the
 * same time and head limits; its request bodies are refused over {@link #BODY_LIMIT} bytes before a
 * byte of them is read.
 */
public final class ApiServer implements AutoCloseable {
  /** What the endpoint serves, provided by the command line. */
  public interface Backend {
    /** The {@code status --json --all} document. */
    String accountsJson() throws Exception;

    /** The account's cookie in {@code format}, or empty when there is no such account. */
    Optional<String> cookie(String account, CookieFormat format) throws Exception;
  }

  /** How long one exchange may take, from the request's first byte to the answer's last. */
  public static final Duration EXCHANGE_TIME_LIMIT = Duration.ofSeconds(10);

  // Enough that clients holding half-sent requests until their deadline leave room for others.
  static final int WORKERS = 64;

  /** The largest request body the page takes: a sign-in form or a small JSON post. */
  public static final int BODY_LIMIT = 4 * 1024;

  /** Where the page lives. */
  public static final String PAGE_PREFIX = "/ui/";

  private static final String PREFIX = "/v1/accounts";

  private final HttpServer server;
  private final DeadlineWorkers threads;
  private final Backend backend;
  private final byte[] token;
  private final HttpHandler page;

  public ApiServer(InetSocketAddress address, String token, Backend backend) throws IOException {
    this(address, token, backend, EXCHANGE_TIME_LIMIT);
  }

  public ApiServer(
      InetSocketAddress address, String token, Backend backend, Duration exchangeTimeLimit)
      throws IOException {
    this(address, token, backend, exchangeTimeLimit, null);
  }

  /**
   * @param exchangeTimeLimit how long a client may take to send its request and read the answer
   *     before its connection is closed
   * @param page serves {@code /ui/} and below; null for no page, which makes them unknown paths
   */
  public ApiServer(
      InetSocketAddress address,
      String token,
      Backend backend,
      Duration exchangeTimeLimit,
      HttpHandler page)
      throws IOException {
    this.backend = backend;
    this.page = page;
    this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.server = HttpServer.create(address, 64);
    this.threads = new DeadlineWorkers(WORKERS, exchangeTimeLimit, "api");
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Where it listens, with the port the system chose for port 0. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (page != null && (path.startsWith(PAGE_PREFIX) || path.equals("/ui"))) {
        servePage(exchange);
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain", "only GET\n");
        return;
      }
      if (path.equals("/healthz")) {
        send(exchange, 200, "application/json", "{\"status\":\"ok\"}\n");
        return;
      }
      if (!path.startsWith(PREFIX)) {
        send(exchange, 404, "text/plain", "not found\n");
        return;
      }
      if (!authorized(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"qmcookie\"");
        send(exchange, 401, "text/plain", "unauthorized\n");
        return;
      }
      if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
        send(exchange, 200, "application/json", backend.accountsJson());
        return;
      }
      serveCookie(exchange, path.substring(PREFIX.length() + 1));
    } catch (Exception e) {
      // The message may name a file, never a secret; the details stay in the daemon's log.
      send(exchange, 500, "text/plain", "internal error\n");
    }
  }

  // The JDK server would read a chunked body of any length for the handler: only a body whose
  // length is announced, and small, reaches it.
  private void servePage(HttpExchange exchange) throws IOException {
    // Set here too: the refusals below never reach the page, which sets them on its own answers.
    PageHeaders.apply(exchange.getResponseHeaders());
    if (exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
      send(exchange, 411, "text/plain", "a Content-Length is required\n");
      return;
    }
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && !withinBodyLimit(length)) {
      send(exchange, 413, "text/plain", "the request body is too large\n");
      return;
    }
    page.handle(exchange);
  }

  private static boolean withinBodyLimit(String length) {
    try {
      long bytes = Long.parseLong(length.trim());
      return bytes >= 0 && bytes <= BODY_LIMIT;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void serveCookie(HttpExchange exchange, String rest) throws Exception {
    int slash = rest.indexOf('/');
    if (slash <= 0 || !rest.substring(slash).equals("/cookie")) {
      send(exchange, 404, "text/plain", "not found\n");
      return;
    }
    String account = URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8);
    String formatId = query(exchange, "format").orElse("header");
    CookieFormat format = CookieFormat.byId(formatId);
    if (format == null) {
      send(exchange, 400, "text/plain", "format must be one of " + CookieFormat.ids() + "\n");
      return;
    }
    Optional<String> cookie = backend.cookie(account, format);
    if (cookie.isEmpty()) {
      send(exchange, 404, "text/plain", "no such account\n");
      return;
    }
    boolean json =
        format == CookieFormat.JSON
            || format == CookieFormat.PLAYWRIGHT
            || format == CookieFormat.COOKIE_EDITOR
            || format == CookieFormat.QQMUSICAPI;
    send(exchange, 200, json ? "application/json" : "text/plain", cookie.get());
  }

  // Compared in constant time, so the answer's timing says nothing about the token.
  private boolean authorized(HttpExchange exchange) {
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    return given != null
        && MessageDigest.isEqual(given.trim().getBytes(StandardCharsets.UTF_8), token);
  }

  private static Optional<String> query(HttpExchange exchange, String name) {
    String q = exchange.getRequestURI().getRawQuery();
    if (q == null) {
      return Optional.empty();
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    // A HEAD answer has no body. Announcing a length for one makes the JDK server log a warning
    // through java.util.logging to stderr, where it would break a JSON event stream.
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.close();
  }
}
