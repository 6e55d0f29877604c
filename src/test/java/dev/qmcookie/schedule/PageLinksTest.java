package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --public-url, the alerts link to the account's row on the page; without it, they do not. */
class PageLinksTest {
  static final PageLinks LINKS = new PageLinks(HttpUrl.get("https://music.example.org/qm"));
  @TempDir Path tmp;

  @Test
  void theLinkIsTheAccountsRowUnderUi() {
    assertThat(LINKS.account("alice")).isEqualTo("https://music.example.org/qm/ui/#account-alice");
    assertThat(new PageLinks(HttpUrl.get("http://127.0.0.1:8080/")).account("bob"))
        .isEqualTo("http://127.0.0.1:8080/ui/#account-bob");
    assertThat(LINKS.account(null)).isEqualTo("https://music.example.org/qm/ui/");
  }

  @Test
  void theFailureHookGetsTheLinkAndOnlyWithAPublicUrl() throws Exception {
    Path seen = tmp.resolve("seen");
    String onFailure = "printf '%s' \"${QMCOOKIE_UI_URL-unset}\" > " + seen;
    Outcome lost = new Outcome(Outcome.Kind.NEEDS_LOGIN, 3, "", "the login is no longer valid");

    hooks(onFailure, LINKS).run("alice", lost, "needs-login", List.of());
    assertThat(seen).hasContent("https://music.example.org/qm/ui/#account-alice");

    hooks(onFailure, null).run("alice", lost, "needs-login", List.of());
    assertThat(seen).hasContent("unset");
  }

  @Test
  void theNotifyPayloadCarriesTheLinkAndOnlyWithAPublicUrl() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(new MockResponse.Builder().code(204).build());
      server.enqueue(new MockResponse.Builder().code(204).build());

      notify(server.url("/hook"), LINKS);
      notify(server.url("/hook"), null);

      JsonNode linked = body(server);
      JsonNode plain = body(server);
      assertThat(linked.get("url").asText())
          .isEqualTo("https://music.example.org/qm/ui/#account-alice");
      assertThat(plain.has("url")).isFalse();
    }
  }

  private Hooks hooks(String onFailure, PageLinks links) {
    EventLog log =
        new EventLog(new PrintWriter(new StringWriter()), EventLog.Format.TEXT, NotifierTest.CLOCK);
    return new Hooks(null, onFailure, Duration.ofSeconds(10), log, links);
  }

  private static void notify(HttpUrl url, PageLinks links) throws InterruptedException {
    Notifier notifier =
        new Notifier(
            NotifierTest.CLIENT,
            url,
            Notifier.BACKOFF,
            pause -> {},
            new EventLog(
                new PrintWriter(new StringWriter()), EventLog.Format.TEXT, NotifierTest.CLOCK),
            NotifierTest.CLOCK,
            links);
    notifier.send("needs-login", "alice", "needs-login", 3, "the login is no longer valid");
    notifier.drain(Duration.ofSeconds(10));
  }

  private static JsonNode body(MockWebServer server) throws Exception {
    return new ObjectMapper().readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
  }
}
