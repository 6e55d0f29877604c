package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients that connect and then stall must neither starve the endpoint nor hold it for long. */
class ApiServerSlowClientsTest {
  static final OkHttpClient CLIENT =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(3)).build();
  static final ApiServer.Backend BACKEND =
      new ApiServer.Backend() {
        @Override
        public String accountsJson() {
          return "[]\n";
        }

        @Override
        public Optional<String> cookie(String account, CookieFormat format) {
          return Optional.empty();
        }
      };

  final List<Socket> sockets = new ArrayList<>();
  ApiServer server;

  ApiServer start(Duration limit) throws IOException {
    server =
        new ApiServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "token", BACKEND, limit);
    return server;
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort());
    sockets.add(s);
    return s;
  }

  Socket sendPartialRequest() throws IOException {
    Socket s = connect();
    OutputStream out = s.getOutputStream();
    out.write(
        "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Never: ends"
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return s;
  }

  void assertHealthy() throws IOException {
    Request healthz =
        new Request.Builder()
            .url("http://127.0.0.1:" + server.address().getPort() + "/healthz")
            .build();
    try (Response r = CLIENT.newCall(healthz).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).contains("\"ok\"");
    }
  }

  /** How long until the server closes {@code s}, waiting at most {@code max}. */
  static Duration timeUntilClosed(Socket s, Duration max) throws IOException {
    long started = System.nanoTime();
    s.setSoTimeout((int) max.toMillis());
    InputStream in = s.getInputStream();
    try {
      while (in.read() != -1) {
        // whatever the server says before it hangs up
      }
    } catch (SocketTimeoutException stillOpen) {
      throw new AssertionError("the server kept a stalled connection open for " + max);
    } catch (IOException reset) {
      // a reset is a close too
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Test
  void theDefaultTimeLimitOfAnExchangeIsTenSeconds() {
    assertThat(ApiServer.EXCHANGE_TIME_LIMIT).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void healthzAnswersWhileFiftySlowClientsHoldConnections() throws Exception {
    start(ApiServer.EXCHANGE_TIME_LIMIT);
    for (int i = 0; i < 25; i++) {
      connect(); // sends nothing
      sendPartialRequest();
    }
    Thread.sleep(200); // let the server take up every half-sent request

    long started = System.nanoTime();
    assertHealthy();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aClientThatStallsMidRequestIsCutOffAtTheDeadlineAndTheWorkerServesOnCleanly()
      throws Exception {
    start(Duration.ofSeconds(1));
    Socket stalled = sendPartialRequest();

    Duration open = timeUntilClosed(stalled, Duration.ofSeconds(8));

    assertThat(open).isBetween(Duration.ofMillis(500), Duration.ofSeconds(4));
    // The interrupt that ended the stalled exchange must not reach later ones on the same threads.
    for (int i = 0; i < 20; i++) {
      assertHealthy();
    }
  }

  @Test
  void aClientThatDripsOneByteAtATimeIsCutOffToo() throws Exception {
    start(Duration.ofSeconds(1));
    Socket drip = connect();
    Thread dripper =
        new Thread(
            () -> {
              try {
                OutputStream out = drip.getOutputStream();
                out.write("GET /healthz HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                while (true) {
                  out.write('X');
                  out.flush();
                  Thread.sleep(200);
                }
              } catch (Exception closedByTheServer) {
                // the end this test waits for
              }
            });
    dripper.setDaemon(true);
    dripper.start();

    assertThat(timeUntilClosed(drip, Duration.ofSeconds(8))).isLessThan(Duration.ofSeconds(4));
    assertHealthy();
  }
}
