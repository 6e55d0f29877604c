package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieFormat;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiServerTest {
  static final String TOKEN = "s3cr3t-token-for-tests";
  static final String SECRET_KEY = "Q_H_L_63k3NapiSECRETkey01";
  static final OkHttpClient CLIENT = new OkHttpClient();

  ApiServer server;
  String base;

  @BeforeEach
  void start() throws Exception {
    ApiServer.Backend backend =
        new ApiServer.Backend() {
          @Override
          public String accountsJson() {
            return "[{\"account\":\"alice\",\"state\":\"fresh\",\"musicKey\":\"Q_H_L_6***1\"}]\n";
          }

          @Override
          public Optional<String> cookie(String account, CookieFormat format) {
            return account.equals("alice")
                ? Optional.of(format.id() + ":" + SECRET_KEY)
                : Optional.empty();
          }
        };
    server =
        new ApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TOKEN, backend);
    base = "http://127.0.0.1:" + server.address().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Response get(String path, String authorization) throws Exception {
    Request.Builder r = new Request.Builder().url(base + path);
    if (authorization != null) {
      r.header("Authorization", authorization);
    }
    return CLIENT.newCall(r.build()).execute();
  }

  @Test
  void healthNeedsNoToken() throws Exception {
    try (Response r = get("/healthz", null)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).contains("\"ok\"");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "Bearer wrong", "Bearer " + TOKEN + "x", "Basic czNjcjN0", "bearer " + TOKEN})
  void withoutTheRightTokenNothingLeaks(String authorization) throws Exception {
    for (String path :
        new String[] {
          "/v1/accounts", "/v1/accounts/alice/cookie", "/v1/accounts/nobody/cookie?format=json"
        }) {
      try (Response r = get(path, authorization.isEmpty() ? null : authorization)) {
        String body = r.body().string();
        assertThat(r.code()).as(path).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(body).isEqualTo("unauthorized\n").doesNotContain("alice");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(CookieFormat.class)
  void theCookieComesInEachFormatWithTheToken(CookieFormat format) throws Exception {
    try (Response r = get("/v1/accounts/alice/cookie?format=" + format.id(), "Bearer " + TOKEN)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Cache-Control")).isEqualTo("no-store");
      assertThat(r.body().string()).isEqualTo(format.id() + ":" + SECRET_KEY);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = CookieFormat.class,
      names = {"JSON", "PLAYWRIGHT", "COOKIE_EDITOR", "QQMUSICAPI"})
  void theJsonFormatsComeAsJson(CookieFormat format) throws Exception {
    try (Response r = get("/v1/accounts/alice/cookie?format=" + format.id(), "Bearer " + TOKEN)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).as(format.id()).startsWith("application/json");
    }
  }

  @Test
  void accountsAndErrorsWithTheToken() throws Exception {
    try (Response r = get("/v1/accounts", "Bearer " + TOKEN)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.body().string()).contains("\"alice\"").doesNotContain(SECRET_KEY);
    }
    try (Response r = get("/v1/accounts/nobody/cookie", "Bearer " + TOKEN)) {
      assertThat(r.code()).isEqualTo(404);
    }
    try (Response r = get("/v1/accounts/alice/cookie?format=yaml", "Bearer " + TOKEN)) {
      assertThat(r.code()).isEqualTo(400);
      assertThat(r.body().string()).contains("header|json");
    }
  }
}
