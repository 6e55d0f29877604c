package dev.qmcookie.qrlogin;

import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.renew.SetCookies;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * One login flow's requests: a single User-Agent, the cookies the flow's answers set (sent back
 * where a browser would send them), and no redirects followed, since the flows read their answers
 * from the redirects themselves.
 */
final class FlowSession {
  static final long LIMIT_BYTES = 2 * 1024 * 1024;

  /** One answer, read whole. */
  record Answer(int status, String contentType, String location, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final OkHttpClient client;
  private final String userAgent;
  // Keyed by slot (name, domain, path) as browsers keep them: a later answer replaces a cookie.
  private final Map<String, okhttp3.Cookie> jar = new LinkedHashMap<>();

  FlowSession(OkHttpClient client, String userAgent) {
    this.client = client.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.userAgent = userAgent;
  }

  Answer get(HttpUrl url, String referer) {
    return send(new Request.Builder().url(url).get(), url, referer);
  }

  Answer post(HttpUrl url, RequestBody body, String referer) {
    return send(new Request.Builder().url(url).post(body), url, referer);
  }

  /** A long poll: empty when the server held it until the read time-out, which means "no news". */
  Optional<Answer> longPoll(HttpUrl url, String referer) {
    try {
      return Optional.of(call(new Request.Builder().url(url).get(), url, referer));
    } catch (InterruptedIOException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw networkFault(url, e);
    }
  }

  /** The value of the cookie {@code name} that would be sent to {@code url}, or "". */
  String cookie(String name, HttpUrl url) {
    return jar.values().stream()
        .filter(c -> c.name().equals(name) && c.matches(url))
        .map(okhttp3.Cookie::value)
        .findFirst()
        .orElse("");
  }

  /** Every cookie the flow's answers set, in the order they first came. */
  List<Cookie> cookies() {
    List<Cookie> out = new ArrayList<>();
    for (okhttp3.Cookie c : jar.values()) {
      out.add(SetCookies.of(c));
    }
    return out;
  }

  private Answer send(Request.Builder request, HttpUrl url, String referer) {
    try {
      return call(request, url, referer);
    } catch (IOException e) {
      throw networkFault(url, e);
    }
  }

  private Answer call(Request.Builder request, HttpUrl url, String referer) throws IOException {
    request.header("User-Agent", userAgent).header("Referer", referer);
    String cookies =
        jar.values().stream()
            .filter(c -> c.matches(url))
            .map(c -> c.name() + "=" + c.value())
            .collect(Collectors.joining("; "));
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies);
    }
    try (Response response = client.newCall(request.build()).execute()) {
      // Judged by the real URL, not the one a test route may have sent the request to, so that
      // each cookie gets the domain the real server gives it.
      for (okhttp3.Cookie c : okhttp3.Cookie.parseAll(url, response.headers())) {
        remember(c);
      }
      return new Answer(
          response.code(),
          response.header("Content-Type", ""),
          response.header("Location"),
          read(response.body(), url));
    }
  }

  // OkHttp turns Max-Age into expiresAt by the system time, so the system time judges it here too;
  // an empty or expired cookie is the server deleting it.
  private void remember(okhttp3.Cookie c) {
    String slot = c.name() + "|" + c.domain() + "|" + c.hostOnly() + "|" + c.path();
    if (c.value().isEmpty() || c.expiresAt() < System.currentTimeMillis()) {
      jar.remove(slot);
    } else {
      jar.put(slot, c);
    }
  }

  private static byte[] read(ResponseBody body, HttpUrl url) throws IOException {
    BufferedSource source = body.source();
    if (source.request(LIMIT_BYTES + 1)) {
      throw new TransientFailureException(
          url.host() + " answered with more than " + LIMIT_BYTES + " bytes; try again later", 0);
    }
    return source.readByteArray();
  }

  private static TransientFailureException networkFault(HttpUrl url, IOException e) {
    String what;
    if (e instanceof InterruptedIOException) {
      what = "the request to " + url.host() + " timed out";
    } else if (e instanceof UnknownHostException) {
      what = "cannot resolve " + url.host() + ": check DNS and the network";
    } else if (e instanceof ConnectException) {
      what = "cannot connect to " + url.host() + ":" + url.port();
    } else {
      what = "network error talking to " + url.host();
    }
    return new TransientFailureException(
        what + " during the QR login; nothing was stored, try again", 0, e);
  }
}
