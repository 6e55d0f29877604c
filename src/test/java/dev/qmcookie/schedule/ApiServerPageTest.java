package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The page's handler under /ui/: reached only there, and only with a small body. */
class ApiServerPageTest {
  final AtomicInteger handled = new AtomicInteger();
  ApiServer server;

  void start(HttpHandler page) throws IOException {
    server =
        new ApiServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            "token",
            null,
            ApiServer.EXCHANGE_TIME_LIMIT,
            page);
  }

  final HttpHandler page =
      exchange -> {
        try (exchange) {
          handled.incrementAndGet();
          byte[] body = exchange.getRequestBody().readAllBytes();
          byte[] answer = ("page read " + body.length).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
        }
      };

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void thePageAnswersUnderUiOnly() throws Exception {
    start(page);
    assertThat(exchange("GET /ui/ HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
    assertThat(exchange("POST /ui/signin HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"))
        .startsWith("HTTP/1.1 200")
        .endsWith("page read 5");
    assertThat(exchange("GET /uix HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404");
    assertThat(exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
    assertThat(handled).hasValue(2);
  }

  @Test
  void withoutAPageUiIsAnUnknownPath() throws Exception {
    start(null);
    assertThat(exchange("GET /ui/ HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404");
  }

  @Test
  void aLargeBodyIsRefusedBeforeItIsRead() throws Exception {
    start(page);
    // A mebibyte announced and none of it sent: the answer comes anyway, so nothing waited for it.
    assertThat(exchange("POST /ui/signin HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n"))
        .startsWith("HTTP/1.1 413");
    assertThat(
            exchange(
                "POST /ui/signin HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + (ApiServer.BODY_LIMIT + 1)
                    + "\r\n\r\n"))
        .startsWith("HTTP/1.1 413");
    assertThat(
            exchange("POST /ui/signin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"))
        .startsWith("HTTP/1.1 411");
    assertThat(handled).hasValue(0);
  }

  @Test
  void aRefusedBodyGetsThePagesSecurityHeaders() throws Exception {
    start(page);
    for (String request :
        new String[] {
          "POST /ui/signin HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n",
          "POST /ui/signin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        }) {
      String answer = exchange(request).toLowerCase(java.util.Locale.ROOT);
      assertThat(answer)
          .as(request)
          .matches("http/1.1 41[13] [\\s\\S]*")
          .contains("cache-control: no-store")
          .contains("x-content-type-options: nosniff")
          .contains("referrer-policy: no-referrer")
          .contains("x-frame-options: deny")
          .contains(
              "content-security-policy: "
                  + PageHeaders.CONTENT_SECURITY_POLICY.toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void aBodyAtTheLimitIsRead() throws Exception {
    start(page);
    String body = "t".repeat(ApiServer.BODY_LIMIT);
    assertThat(
            exchange(
                "POST /ui/signin HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + body.length()
                    + "\r\n\r\n"
                    + body))
        .endsWith("page read " + ApiServer.BODY_LIMIT);
  }

  // One request on its own connection; the answer up to the server's close or 5 s.
  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) > 0) {
          answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
          if (complete(answer)) {
            break;
          }
        }
      } catch (java.net.SocketTimeoutException e) {
        // Whatever came is the answer.
      }
      return answer.toString();
    }
  }

  // The head and as many bytes as its Content-Length says.
  private static boolean complete(StringBuilder answer) {
    int end = answer.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
            .matcher(answer.substring(0, end));
    return m.find() && answer.length() - end - 4 >= Integer.parseInt(m.group(1));
  }
}
