package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.ProfilePageFake;
import dev.qmcookie.testkit.RenewalAnswers;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live check against a local fake of the profile page: what it sends and how it reads it. */
class LoginCheckTest {
  static final String PATH = "/rsc/fcgi-bin/fcg_get_profile_homepage.fcg";

  MockWebServer server = new MockWebServer();
  HandClock clock = new HandClock(SampleCookies.NOW);
  CookieRecord record = SampleCookies.fullRecord();
  OkHttpClient client =
      new OkHttpClient.Builder().callTimeout(Duration.ofMillis(500)).followRedirects(false).build();

  @BeforeEach
  void setUp() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  ServerCheck check() {
    return new LoginCheck(client, server.url(PATH), clock).check(record);
  }

  @Test
  void aLoggedInKeyIsAcceptedAndTheRequestIsTheWebClients() throws Exception {
    server.setDispatcher(new ProfilePageFake(SampleCookies.MUSIC_KEY));

    ServerCheck result = check();

    assertThat(result).isEqualTo(ServerCheck.accepted(SampleCookies.NOW));
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    HttpUrl url = request.getUrl();
    assertThat(url.encodedPath()).isEqualTo(PATH);
    Map<String, String> query = new LinkedHashMap<>();
    url.queryParameterNames().forEach(n -> query.put(n, url.queryParameter(n)));
    assertThat(query)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry(
                    "g_tk", Long.toString(ProfilePageFake.hash33(SampleCookies.MUSIC_KEY, 5381))),
                Map.entry("format", "json"),
                Map.entry("inCharset", "utf-8"),
                Map.entry("outCharset", "utf-8"),
                Map.entry("notice", "0"),
                Map.entry("cid", "205360838"),
                Map.entry("needNewCode", "0"),
                Map.entry("loginUin", SampleCookies.UIN),
                Map.entry("hostUin", "0"),
                Map.entry("userid", SampleCookies.UIN),
                Map.entry("reqfrom", "1")));
    assertThat(request.getHeaders().get("Cookie"))
        .isEqualTo(CookieFormats.header(record.cookies()))
        .contains("qqmusic_key=" + SampleCookies.MUSIC_KEY);
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(record.metadata().userAgent());
    assertThat(request.getHeaders().get("Referer")).isEqualTo("https://y.qq.com/");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aKeyTheServerNoLongerKnowsIsRefusedWithItsCode() {
    server.setDispatcher(new ProfilePageFake("Q_H_L_someoneELSEsKEY"));

    assertThat(check()).isEqualTo(ServerCheck.refused(SampleCookies.NOW, ProfilePageFake.REFUSED));
    assertThat(server.getRequestCount()).as("a refusal is not retried").isEqualTo(1);
  }

  @Test
  void aWrongGTkIsRefused() {
    server.setDispatcher(new ProfilePageFake(SampleCookies.MUSIC_KEY));
    // The QR login's seed (0) instead of the web seed: the fake must tell the difference, or the
    // accepted case above would prove nothing about g_tk.
    client =
        client
            .newBuilder()
            .addInterceptor(
                chain -> {
                  HttpUrl url = chain.request().url();
                  String wrong = Long.toString(ProfilePageFake.hash33(SampleCookies.MUSIC_KEY, 0));
                  return chain.proceed(
                      chain
                          .request()
                          .newBuilder()
                          .url(url.newBuilder().setQueryParameter("g_tk", wrong).build())
                          .build());
                })
            .build();

    assertThat(check()).isEqualTo(ServerCheck.refused(SampleCookies.NOW, ProfilePageFake.REFUSED));
  }

  @Test
  void aWebPageIsUnknownWithItsTitle() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .body("<html><head><title>安全验证</title></head><body>slide</body></html>")
            .build());

    ServerCheck result = check();

    assertThat(result.result()).isEqualTo(ServerCheck.Result.UNKNOWN);
    assertThat(result.reason()).contains("web page").contains("安全验证");
    assertThat(result.describe()).startsWith("unknown (").endsWith(")");
  }

  @Test
  void aTimeoutIsUnknownAfterOneRequest() {
    server.enqueue(
        RenewalAnswers.json("{\"code\":0}").newBuilder().headersDelay(3, TimeUnit.SECONDS).build());

    ServerCheck result = check();

    assertThat(result.result()).isEqualTo(ServerCheck.Result.UNKNOWN);
    assertThat(result.reason()).contains("timed out");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anHttpErrorIsUnknownWithItsStatus() {
    server.enqueue(new MockResponse.Builder().code(502).body("bad gateway").build());

    ServerCheck result = check();

    assertThat(result.result()).isEqualTo(ServerCheck.Result.UNKNOWN);
    assertThat(result.code()).isEqualTo(502);
    assertThat(result.reason()).contains("HTTP 502");
  }

  @Test
  void anAnswerWithoutACodeIsUnknownNotAccepted() {
    server.enqueue(RenewalAnswers.json("{\"data\":{}}"));

    assertThat(check().result()).isEqualTo(ServerCheck.Result.UNKNOWN);
  }

  @Test
  void anOversizeAnswerIsUnknownUnread() {
    server.enqueue(RenewalAnswers.json("{\"code\":0,\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}"));

    ServerCheck result = check();

    assertThat(result.result()).isEqualTo(ServerCheck.Result.UNKNOWN);
    assertThat(result.reason()).contains("over the 1 MiB");
  }

  @Test
  void aServerThatIsDownIsUnknownAndNoSecretIsInTheResult() throws Exception {
    HttpUrl url = server.url(PATH);
    server.close();

    ServerCheck result = new LoginCheck(client, url, clock).check(record);

    assertThat(result.result()).isEqualTo(ServerCheck.Result.UNKNOWN);
    assertThat(result.reason()).contains("cannot connect");
    for (String secret : SampleCookies.SECRETS) {
      assertThat(result.toString()).doesNotContain(secret);
    }
  }

  @Test
  void tooFrequentIsUnknownNotARefusedLogin() {
    // A refusal makes the account needs-login and stops renew: a rate limit says nothing of it.
    for (int code : new int[] {104604, 100001}) {
      server.enqueue(RenewalAnswers.json("{\"code\":" + code + "}"));

      ServerCheck result = check();

      assertThat(result.result()).as("code %d", code).isEqualTo(ServerCheck.Result.UNKNOWN);
      assertThat(result.code()).isEqualTo(code);
      assertThat(result.reason()).contains("too frequent");
    }
  }
}
