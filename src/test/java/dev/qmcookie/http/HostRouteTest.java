package dev.qmcookie.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostRouteTest {
  private final MockWebServer fake = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    fake.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws Exception {
    fake.close();
  }

  private String fakeAddress() {
    return "http://127.0.0.1:" + fake.getPort();
  }

  @Test
  void aRoutedRequestKeepsItsMethodPathQueryBodyAndOriginalHost() throws Exception {
    fake.enqueue(new MockResponse.Builder().body("ok").build());
    OkHttpClient client = client(Map.of(), HostRoute.parse("*.qq.com=" + fakeAddress(), "test"));
    HttpUrl real = HttpUrl.get("https://u6.y.qq.com/cgi-bin/musicu.fcg?_=1&sig=a%2Bb%2F%3D");

    try (Response answer =
        client
            .newCall(
                new Request.Builder()
                    .url(real)
                    .post(RequestBody.create("{}", MediaType.get("application/json")))
                    .build())
            .execute()) {
      assertThat(answer.body().string()).isEqualTo("ok");
      assertThat(answer.request().url())
          .as("the answer names the real URL, so cookies are judged by its host")
          .isEqualTo(real);
    }

    RecordedRequest seen = fake.takeRequest(5, TimeUnit.SECONDS);
    assertThat(seen.getMethod()).isEqualTo("POST");
    assertThat(seen.getTarget()).isEqualTo("/cgi-bin/musicu.fcg?_=1&sig=a%2Bb%2F%3D");
    assertThat(seen.getHeaders().get("Host")).isEqualTo("u6.y.qq.com");
    assertThat(seen.getBody().utf8()).isEqualTo("{}");
  }

  @Test
  void theHostHeaderKeepsAPortThatIsNotTheSchemesOwn() throws Exception {
    fake.enqueue(new MockResponse.Builder().build());
    OkHttpClient client = client(Map.of(), HostRoute.parse("c6.y.qq.com=" + fakeAddress(), "test"));

    client
        .newCall(new Request.Builder().url("http://c6.y.qq.com:8443/x").build())
        .execute()
        .close();

    assertThat(fake.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Host"))
        .isEqualTo("c6.y.qq.com:8443");
  }

  @Test
  void anHttpsFakeThatSpeaksHttp2StillLearnsTheOriginalHost() throws Exception {
    HeldCertificate localhost =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    try (MockWebServer tls = new MockWebServer()) {
      tls.useHttps(
          new HandshakeCertificates.Builder()
              .heldCertificate(localhost)
              .build()
              .sslSocketFactory());
      tls.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
      tls.start(InetAddress.getByName("127.0.0.1"), 0);
      tls.enqueue(new MockResponse.Builder().build());
      HandshakeCertificates trust =
          new HandshakeCertificates.Builder()
              .addTrustedCertificate(localhost.certificate())
              .build();
      OkHttpClient client =
          client(Map.of(), HostRoute.parse("*.qq.com=https://localhost:" + tls.getPort(), "t"))
              .newBuilder()
              .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
              .build();

      client.newCall(new Request.Builder().url("https://u.y.qq.com/x").build()).execute().close();

      assertThat(tls.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Host"))
          .isEqualTo("u.y.qq.com");
    }
  }

  @Test
  void aWildcardMatchesSubdomainsOnlyAndAnExactHostOnlyItself() {
    HostRoute route =
        HostRoute.parse("*.qq.com=http://127.0.0.1:1, Graph.Example.com=http://127.0.0.1:2", "t");

    assertThat(route.routed(HttpUrl.get("https://ssl.ptlogin2.qq.com/ptqrshow?a=1")))
        .isEqualTo(HttpUrl.get("http://127.0.0.1:1/ptqrshow?a=1"));
    assertThat(route.routed(HttpUrl.get("https://y.qq.com/"))).isNotNull();
    assertThat(route.routed(HttpUrl.get("https://qq.com/"))).isNull();
    assertThat(route.routed(HttpUrl.get("https://notqq.com/"))).isNull();
    assertThat(route.routed(HttpUrl.get("https://qq.com.evil.example/"))).isNull();
    assertThat(route.routed(HttpUrl.get("https://graph.example.com/x")))
        .isEqualTo(HttpUrl.get("http://127.0.0.1:2/x"));
    assertThat(route.routed(HttpUrl.get("https://a.graph.example.com/x"))).isNull();
  }

  @Test
  void theFirstMatchingRuleWins() {
    HostRoute route = HostRoute.parse("u.y.qq.com=http://127.0.0.1:1,*.qq.com=http://[::1]:2", "t");

    assertThat(route.routed(HttpUrl.get("https://u.y.qq.com/")).port()).isEqualTo(1);
    assertThat(route.routed(HttpUrl.get("https://u6.y.qq.com/")).host()).isEqualTo("::1");
  }

  @Test
  void requestsThatMatchNoRuleGoWhereTheirUrlSays() throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start(InetAddress.getByName("127.0.0.1"), 0);
      other.enqueue(new MockResponse.Builder().body("other").build());
      OkHttpClient client = client(Map.of(), HostRoute.parse("*.qq.com=" + fakeAddress(), "t"));

      try (Response answer =
          client.newCall(new Request.Builder().url(other.url("/hook")).build()).execute()) {
        assertThat(answer.body().string()).isEqualTo("other");
      }
      assertThat(fake.getRequestCount()).isZero();
    }
  }

  @Test
  void aRoutedRequestBypassesTheEnvironmentsProxy() throws Exception {
    fake.enqueue(new MockResponse.Builder().body("direct").build());
    // Nothing listens on port 9: a request sent through this proxy would fail.
    OkHttpClient client =
        client(
            Map.of("http_proxy", "http://127.0.0.1:9", "https_proxy", "http://127.0.0.1:9"),
            HostRoute.parse("*.qq.com=" + fakeAddress(), "t"));

    try (Response answer =
        client.newCall(new Request.Builder().url("https://u6.y.qq.com/x").build()).execute()) {
      assertThat(answer.body().string()).isEqualTo("direct");
    }
  }

  @Test
  void theRulesAreDescribedForTheWarning() {
    assertThat(
            HostRoute.parse("*.QQ.com=http://127.0.0.1:8080/ , y.qq.com=https://localhost", "t")
                .describe())
        .isEqualTo(
            "requests to *.qq.com go to http://127.0.0.1:8080; requests to y.qq.com go to"
                + " https://localhost");
    assertThat(HostRoute.NONE.active()).isFalse();
  }

  @Test
  void badRulesAreBadInputNamingTheProblem() {
    assertBad("*.qq.com", "is not HOST=URL");
    assertBad("*.qq.com=127.0.0.1:8080", "is not an http:// or https:// URL");
    assertBad("*.qq.com=ftp://127.0.0.1", "is not an http:// or https:// URL");
    assertBad("*.qq.com=https://127.0.0.1:8443/fake", "has a path");
    assertBad("*.qq.com=http://127.0.0.1:8080/?x=1", "has a path");
    assertBad("*.qq.com=http://127.0.0.1:8080,", "is not HOST=URL");
    assertBad("qq.*=http://127.0.0.1", "is not a host name");
    assertBad("http://u6.y.qq.com=http://127.0.0.1", "is not a host name");
  }

  @Test
  void aTargetWithAPasswordIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> HostRoute.parse("*.qq.com=http://bob:s3cret@127.0.0.1:1", "$X"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("user or password")
        .hasMessageNotContaining("s3cret")
        .hasMessageNotContaining("bob");
  }

  private static void assertBad(String rules, String problem) {
    assertThatThrownBy(() -> HostRoute.parse(rules, "$QMCOOKIE_ROUTE"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("$QMCOOKIE_ROUTE: ")
        .hasMessageContaining(problem)
        .hasMessageNotContaining("\n");
  }

  private static OkHttpClient client(Map<String, String> env, HostRoute route) {
    return HttpClients.create(env, Duration.ofSeconds(5), 1, route);
  }
}
