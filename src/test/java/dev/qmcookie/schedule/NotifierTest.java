package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class NotifierTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
  static final OkHttpClient CLIENT =
      new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
  // Filled on the sender's thread, read after drain().
  final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

  @Test
  void anEventIsPostedAsJsonAndRetried() throws Exception {
    StringWriter out = new StringWriter();
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(new MockResponse.Builder().code(503).build());
      server.enqueue(new MockResponse.Builder().code(204).build());
      Notifier notifier =
          new Notifier(
              CLIENT,
              server.url("/hook"),
              Notifier.BACKOFF,
              pauses::add,
              new EventLog(new PrintWriter(out), EventLog.Format.TEXT, CLOCK),
              CLOCK);

      notifier.send(
          "needs-login", "alice", "needs-login", 3, "the login is no longer valid (code 104401)");
      notifier.drain(Duration.ofSeconds(10));

      assertThat(server.getRequestCount()).isEqualTo(2);
      server.takeRequest(5, TimeUnit.SECONDS);
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
      JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
      assertThat(body.get("event").asText()).isEqualTo("needs-login");
      assertThat(body.get("account").asText()).isEqualTo("alice");
      assertThat(body.get("state").asText()).isEqualTo("needs-login");
      assertThat(body.get("code").asInt()).isEqualTo(3);
      assertThat(body.get("message").asText()).contains("104401");
      assertThat(body.get("time").asText()).isEqualTo("2026-11-24T12:00:00Z");
      assertThat(out.toString()).contains("notified account=alice event=needs-login status=204");
      assertThat(pauses).containsExactly(Duration.ofSeconds(2));
    }
  }

  @Test
  void anUnreachableReceiverIsLoggedAfterItsTries() throws Exception {
    StringWriter out = new StringWriter();
    Notifier notifier =
        new Notifier(
            CLIENT,
            okhttp3.HttpUrl.get("http://127.0.0.1:9/unreachable"),
            Notifier.BACKOFF,
            pauses::add,
            new EventLog(new PrintWriter(out), EventLog.Format.TEXT, CLOCK),
            CLOCK);

    notifier.send("failure", "bob", "due", 4, "HTTP 500");
    notifier.drain(Duration.ofSeconds(20));

    assertThat(out.toString())
        .contains("notify-failed account=bob event=failure tries=3 message=\"ConnectException");
    // The daemon's notifier waited 2 s then 4 s through the sleeper it was given, not by itself.
    assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void anInterruptedPauseGivesTheEventUpWithoutFurtherTries() throws Exception {
    StringWriter out = new StringWriter();
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(new MockResponse.Builder().code(503).build());
      Notifier notifier =
          new Notifier(
              CLIENT,
              server.url("/hook"),
              Notifier.BACKOFF,
              d -> {
                throw new InterruptedException();
              },
              new EventLog(new PrintWriter(out), EventLog.Format.TEXT, CLOCK),
              CLOCK);

      notifier.send("failure", "bob", "due", 4, "HTTP 500");
      notifier.drain(Duration.ofSeconds(10));

      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(out.toString()).doesNotContain("notif");
    }
  }
}
