package dev.qmcookie.web;

import static dev.qmcookie.web.PageFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.qrlogin.QrImage;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.schedule.ApiServer;
import dev.qmcookie.testkit.HandClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's server side, over real HTTP against an ApiServer on loopback. */
class UiServerTest {
  static final String TOKEN = "page-token-SECRET-0123456789abcdef";
  static final OkHttpClient CLIENT = new OkHttpClient.Builder().followRedirects(false).build();
  static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  static final MediaType JSON = MediaType.get("application/json");
  static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\">");

  @TempDir Path home;
  final HandClock clock = new HandClock(NOW);
  final List<String> queued = Collections.synchronizedList(new ArrayList<>());
  final FakeQrLogins qr = new FakeQrLogins();
  ApiServer server;
  String base;
  // Where the page's own posts come from: the public URL's origin, or the listen address.
  String pageOrigin;

  /** A signed-in browser: its session cookie and the CSRF token its page was given. */
  record Browser(String cookie, String csrf) {}

  void start(HttpUrl publicUrl) throws IOException {
    start(publicUrl, qr);
  }

  void start(HttpUrl publicUrl, QrLogins logins) throws IOException {
    PageFixture fixture = new PageFixture(home);
    UiServer page =
        new UiServer(
            TOKEN,
            new AccountsJson(fixture.vault, RenewalSchedule.defaults(), clock),
            (action, account) -> queued.add(action.id() + ":" + account),
            logins,
            new Sessions(new SecureRandom(), clock),
            new SignInLimiter(clock),
            new PageFiles("/dev/qmcookie/web/testpage/"),
            publicUrl);
    server =
        new ApiServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            TOKEN,
            null,
            ApiServer.EXCHANGE_TIME_LIMIT,
            page);
    base = "http://127.0.0.1:" + server.address().getPort();
    pageOrigin = publicUrl == null ? base : PageOrigin.of(publicUrl);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ---- sign-in and the session cookie

  @Test
  void withoutASessionTheApiSays401InJsonAndThePageIsTheSignIn() throws Exception {
    start(null);
    try (Response r = get("/ui/api/accounts", null)) {
      assertThat(r.code()).isEqualTo(401);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.body().string()).isEqualTo("{\"error\":\"sign in\"}");
    }
    try (Response r = get("/ui/", null)) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).contains("action=\"/ui/signin\"").doesNotContain("csrf");
    }
    try (Response r = get("/ui/", "qmcookie_session=made-up")) {
      assertThat(r.body().string()).contains("action=\"/ui/signin\"");
    }
  }

  @Test
  void theRightTokenSetsAStrictHttpOnlySessionCookieFor12Hours() throws Exception {
    start(null);
    try (Response r = signInWith(TOKEN)) {
      assertThat(r.code()).isEqualTo(303);
      assertThat(r.header("Location")).isEqualTo("/ui/");
      assertThat(r.header("Set-Cookie"))
          .matches(
              "qmcookie_session=[A-Za-z0-9_-]{43}; Path=/ui/; HttpOnly; SameSite=Strict;"
                  + " Max-Age=43200");
    }
  }

  @Test
  void behindAnHttpsPublicUrlTheCookieIsSecure() throws Exception {
    start(HttpUrl.get("https://music.example.org/"));
    try (Response r = signInWith(TOKEN)) {
      assertThat(r.header("Set-Cookie"))
          .matches(
              "qmcookie_session=[A-Za-z0-9_-]{43}; Path=/ui/; HttpOnly; SameSite=Strict;"
                  + " Max-Age=43200; Secure");
    }
  }

  @Test
  void aWrongTokenGoesBackToTheSignInWithNoCookie() throws Exception {
    start(null);
    try (Response r = signInWith(TOKEN + "x")) {
      assertThat(r.code()).isEqualTo(303);
      assertThat(r.header("Location")).isEqualTo("/ui/?failed=1");
      assertThat(r.header("Set-Cookie")).isNull();
    }
  }

  @Test
  void theSignedInPageCarriesItsSessionsCsrfTokenAndTheSessionEndsAfter12Hours() throws Exception {
    start(null);
    Browser browser = signIn();
    assertThat(browser.csrf()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(browser.cookie());
    try (Response r = get("/ui/api/accounts", browser.cookie())) {
      assertThat(r.code()).isEqualTo(200);
    }
    clock.advance(Duration.ofHours(12));
    try (Response r = get("/ui/api/accounts", browser.cookie())) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  @Test
  void signingOutEndsTheSession() throws Exception {
    start(null);
    Browser browser = signIn();
    try (Response r = post("/ui/signout", browser, base, RequestBody.create(new byte[0]))) {
      assertThat(r.code()).isEqualTo(303);
      assertThat(r.header("Set-Cookie")).startsWith("qmcookie_session=;").contains("Max-Age=0");
    }
    try (Response r = get("/ui/api/accounts", browser.cookie())) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  // ---- the rate limit

  @Test
  void theSixthWrongTokenInAMinuteIs429ButTheRightOneStillSignsIn() throws Exception {
    start(null);
    for (int i = 0; i < SignInLimiter.PER_ADDRESS; i++) {
      try (Response r = signInWith("wrong-" + i)) {
        assertThat(r.code()).as("try %d", i + 1).isEqualTo(303);
      }
      clock.advance(Duration.ofSeconds(5));
    }
    try (Response r = signInWith("wrong-again")) {
      assertThat(r.code()).isEqualTo(429);
      // The first failure leaves the window 60 s after it, 25 s ago.
      assertThat(r.header("Retry-After")).isEqualTo("35");
    }
    // Behind a reverse proxy every client is one address: strangers must not lock the owner out.
    try (Response r = signInWith(TOKEN)) {
      assertThat(r.code()).isEqualTo(303);
      assertThat(r.header("Location")).isEqualTo("/ui/");
      assertThat(r.header("Set-Cookie")).startsWith("qmcookie_session=");
    }
    try (Response r = signInWith("wrong-still")) {
      assertThat(r.code()).isEqualTo(429);
    }
    clock.advance(Duration.ofSeconds(35));
    try (Response r = signInWith("wrong-later")) {
      assertThat(r.code()).isEqualTo(303);
      assertThat(r.header("Location")).isEqualTo("/ui/?failed=1");
    }
  }

  @Test
  void signingInAgainEndsTheSessionTheBrowserHad() throws Exception {
    start(null);
    Browser first = signIn();
    Request again =
        new Request.Builder()
            .url(base + "/ui/signin")
            .header("Origin", base)
            .header("Cookie", first.cookie())
            .post(RequestBody.create("token=" + TOKEN, FORM))
            .build();
    try (Response r = CLIENT.newCall(again).execute()) {
      assertThat(r.code()).isEqualTo(303);
      assertThat(r.header("Set-Cookie")).startsWith("qmcookie_session=");
    }
    try (Response r = get("/ui/api/accounts", first.cookie())) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  // ---- CSRF and Origin

  @Test
  void aPostWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
    start(null);
    Browser browser = signIn();
    Browser other = signIn();
    for (String csrf : new String[] {null, "", "wrong", other.csrf()}) {
      try (Response r =
          post(
              "/ui/api/accounts/alice/renew",
              new Browser(browser.cookie(), csrf),
              base,
              RequestBody.create(new byte[0]))) {
        assertThat(r.code()).as("csrf %s", csrf).isEqualTo(403);
        assertThat(r.body().string()).contains("CSRF");
      }
    }
    assertThat(queued).isEmpty();
  }

  @Test
  void aPostFromAnotherOriginIsRefused() throws Exception {
    start(HttpUrl.get("https://music.example.org/"));
    Browser browser = signIn();
    for (String origin :
        new String[] {
          null,
          "null",
          "http://evil.example",
          "https://music.example.org.evil.example",
          "http://127.0.0.1:1"
        }) {
      try (Response r =
          post("/ui/api/accounts/alice/renew", browser, origin, RequestBody.create(new byte[0]))) {
        assertThat(r.code()).as("origin %s", origin).isEqualTo(403);
      }
    }
    try (Response r = signInWith(TOKEN, "http://evil.example")) {
      assertThat(r.code()).isEqualTo(403);
      assertThat(r.header("Set-Cookie")).isNull();
    }
    // With a public URL only its origin is the page's.
    try (Response r =
        post("/ui/api/accounts/alice/check", browser, base, RequestBody.create(new byte[0]))) {
      assertThat(r.code()).isEqualTo(403);
    }
    assertThat(queued).isEmpty();
    try (Response r =
        post(
            "/ui/api/accounts/alice/check",
            browser,
            "https://music.example.org",
            RequestBody.create(new byte[0]))) {
      assertThat(r.code()).isEqualTo(202);
    }
  }

  @Test
  void withoutAPublicUrlOnlyLoopbackOriginsAndThisHostsAtTheListenPortArePosts() throws Exception {
    start(null);
    Browser browser = signIn();
    int port = server.address().getPort();
    // DNS rebinding: the browser sends the rebound name as both Host and Origin.
    Request rebound =
        new Request.Builder()
            .url(base + "/ui/api/accounts/alice/renew")
            .header("Host", "rebind.evil.example:" + port)
            .header("Origin", "http://rebind.evil.example:" + port)
            .header("Cookie", browser.cookie())
            .header("X-CSRF-Token", browser.csrf())
            .post(RequestBody.create(new byte[0]))
            .build();
    try (Response r = CLIENT.newCall(rebound).execute()) {
      assertThat(r.code()).isEqualTo(403);
    }
    for (String origin :
        new String[] {
          "https://127.0.0.1:" + port, "http://10.9.8.7:" + port, "http://music.example.org"
        }) {
      try (Response r =
          post("/ui/api/accounts/alice/renew", browser, origin, RequestBody.create(new byte[0]))) {
        assertThat(r.code()).as("origin %s", origin).isEqualTo(403);
      }
    }
    assertThat(queued).isEmpty();
    // An SSH tunnel (ssh -L 8080:127.0.0.1:PORT) opens the page at another local port.
    for (String origin :
        new String[] {
          base, "http://localhost:" + port, "http://127.0.0.2:" + port, "http://127.0.0.1:8080"
        }) {
      try (Response r =
          post("/ui/api/accounts/alice/check", browser, origin, RequestBody.create(new byte[0]))) {
        assertThat(r.code()).as("origin %s", origin).isEqualTo(202);
      }
    }
  }

  // ---- renew and check now

  @Test
  void renewAndCheckAreQueuedForTheLoopAndAnUnknownAccountIs404() throws Exception {
    start(null);
    Browser browser = signIn();
    try (Response r =
        post("/ui/api/accounts/alice/renew", browser, base, RequestBody.create(new byte[0]))) {
      assertThat(r.code()).isEqualTo(202);
      assertThat(r.body().string()).isEqualTo("{\"queued\":true}");
    }
    try (Response r =
        post("/ui/api/accounts/bob/check", browser, base, RequestBody.create(new byte[0]))) {
      assertThat(r.code()).isEqualTo(202);
    }
    for (String name : new String[] {"nobody", "..", "a%2Fb"}) {
      try (Response r =
          post(
              "/ui/api/accounts/" + name + "/renew",
              browser,
              base,
              RequestBody.create(new byte[0]))) {
        assertThat(r.code()).as(name).isEqualTo(404);
      }
    }
    assertThat(queued).containsExactly("renew:alice", "check:bob");
    try (Response r = get("/ui/api/accounts/alice/renew", browser.cookie())) {
      assertThat(r.code()).as("a GET changes nothing").isEqualTo(405);
    }
  }

  // ---- the JSON

  @Test
  void theAccountsHaveTheirStateSeverityAndAMaskedUin() throws Exception {
    start(null);
    Browser browser = signIn();
    JsonNode root = json(get("/ui/api/accounts", browser.cookie()));
    assertThat(root.get("generatedAt").asText()).isEqualTo(NOW.toString());
    JsonNode alice = root.get("accounts").get(0);
    JsonNode bob = root.get("accounts").get(1);
    assertThat(alice.get("name").asText()).isEqualTo("alice");
    assertThat(alice.get("uin").asText()).isEqualTo("1***4");
    assertThat(alice.get("login").asText()).isEqualTo("qq");
    assertThat(alice.get("state").asText()).isEqualTo("fresh");
    assertThat(alice.get("severity").asText()).isEqualTo("ok");
    assertThat(alice.get("keyAge").asText()).isEqualTo("1h 0m");
    assertThat(alice.get("keyCreatedAt").asText()).isEqualTo(NOW.minusSeconds(3600).toString());
    assertThat(alice.get("nextRenewal").isTextual()).isTrue();
    assertThat(alice.get("lastAttempt").get("outcome").asText()).isEqualTo("transient");
    assertThat(alice.get("lastCheck").isNull()).isTrue();
    assertThat(alice.get("canLogIn").asBoolean()).isFalse();
    assertThat(bob.get("state").asText()).isEqualTo("needs-login");
    assertThat(bob.get("severity").asText()).isEqualTo("bad");
    assertThat(bob.get("canLogIn").asBoolean()).isTrue();
    assertThat(bob.get("nextRenewal").isNull()).isTrue();
    assertThat(bob.get("reason").asText()).contains("log in again");
    assertThat(bob.get("lastAttempt").get("message").asText())
        .contains("code 1000")
        .doesNotContain(PageFixture.BOB_KEY);
  }

  @Test
  void theHistoryIsTheLastWeekOldestFirst() throws Exception {
    start(null);
    Browser browser = signIn();
    JsonNode history = json(get("/ui/api/accounts/alice/history", browser.cookie()));
    assertThat(history.get("from").asText()).isEqualTo(NOW.minus(Duration.ofDays(7)).toString());
    assertThat(history.get("to").asText()).isEqualTo(NOW.toString());
    assertThat(history.get("keyCreatedAt").asText()).isEqualTo(NOW.minusSeconds(3600).toString());
    assertThat(history.get("attempts"))
        .extracting(a -> a.get("at").asText() + " " + a.get("outcome").asText())
        .containsExactly(
            NOW.minus(Duration.ofDays(2)) + " renewed",
            NOW.minus(Duration.ofDays(1)) + " transient");
    try (Response r = get("/ui/api/accounts/nobody/history", browser.cookie())) {
      assertThat(r.code()).isEqualTo(404);
    }
  }

  @Test
  void noAnswerHoldsASecret() throws Exception {
    start(null);
    List<String> bodies = new ArrayList<>();
    try (Response r = signInWith(TOKEN)) {
      bodies.add(r.headers().toString() + r.body().string());
    }
    Browser browser = signIn();
    for (String path :
        new String[] {
          "/ui/",
          "/ui/app.css",
          "/ui/app.js",
          "/ui/api/accounts",
          "/ui/api/accounts/alice/history",
          "/ui/api/accounts/bob/history",
          "/ui/api/logins/flow-1",
          "/ui/nothing"
        }) {
      try (Response r = get(path, browser.cookie())) {
        bodies.add(r.headers().toString() + r.body().string());
      }
    }
    assertThat(bodies).hasSize(9);
    for (String body : bodies) {
      for (String secret : PageFixture.SECRETS) {
        assertThat(body).doesNotContain(secret);
      }
      assertThat(body).doesNotContain(TOKEN);
    }
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    start(null);
    Browser browser = signIn();
    List<Response> answers = new ArrayList<>();
    answers.add(get("/ui/", null));
    answers.add(get("/ui/", browser.cookie()));
    answers.add(get("/ui/app.js", null));
    answers.add(get("/ui/api/accounts", null));
    answers.add(get("/ui/api/accounts", browser.cookie()));
    answers.add(get("/ui/missing", null));
    answers.add(signInWith("wrong"));
    answers.add(
        post(
            "/ui/api/accounts/alice/renew",
            browser,
            "http://evil.example",
            RequestBody.create(new byte[0])));
    for (Response r : answers) {
      try (r) {
        assertThat(r.header("Cache-Control"))
            .as(r.request().url().toString())
            .isEqualTo("no-store");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("Content-Security-Policy"))
            .isEqualTo(
                "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self';"
                    + " frame-ancestors 'none'; form-action 'self'");
      }
    }
  }

  @Test
  void theFilesComeWithTheirTypes() throws Exception {
    start(null);
    try (Response r = get("/ui/app.css", null)) {
      assertThat(r.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
      assertThat(r.body().string()).isEqualTo("body{margin:0}\n");
    }
    try (Response r = get("/ui/app.js", null)) {
      assertThat(r.header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
    }
    try (Response r = get("/ui/index.html", null)) {
      assertThat(r.code()).as("only the listed files").isEqualTo(404);
    }
  }

  // ---- QR logins

  @Test
  void aLoginStartsAFlowAndASecondOfTheSameAccountIsAConflict() throws Exception {
    start(null);
    Browser browser = signIn();
    try (Response r =
        post("/ui/api/accounts/carol/login", browser, base, json("{\"kind\":\"wechat\"}"))) {
      assertThat(r.code()).isEqualTo(201);
      assertThat(r.body().string()).isEqualTo("{\"flow\":\"flow-1\"}");
    }
    try (Response r =
        post("/ui/api/accounts/carol/login", browser, base, json("{\"kind\":\"qq\"}"))) {
      assertThat(r.code()).isEqualTo(409);
      assertThat(r.body().string()).contains("\"flow\":\"flow-1\"");
    }
    assertThat(qr.started).containsExactly("carol:wechat");
    try (Response r =
        post("/ui/api/accounts/carol/login", browser, base, json("{\"kind\":\"sms\"}"))) {
      assertThat(r.code()).isEqualTo(400);
    }
    try (Response r =
        post("/ui/api/accounts/-bad/login", browser, base, json("{\"kind\":\"qq\"}"))) {
      assertThat(r.code()).isEqualTo(400);
    }
  }

  @Test
  void aFlowsStateAndItsCodeAreServed() throws Exception {
    start(null);
    Browser browser = signIn();
    JsonNode view = json(get("/ui/api/logins/flow-1", browser.cookie()));
    assertThat(view.get("state").asText()).isEqualTo("waiting");
    assertThat(view.get("qrVersion").asInt()).isEqualTo(2);
    assertThat(view.get("kind").asText()).isEqualTo("qq");
    try (Response r = get("/ui/api/logins/flow-1/qr", browser.cookie())) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("image/png");
      assertThat(r.header("Cache-Control")).isEqualTo("no-store");
      assertThat(r.body().bytes()).containsExactly(FakeQrLogins.PNG);
    }
    try (Response r = get("/ui/api/logins/flow-2/qr", browser.cookie())) {
      assertThat(r.code()).as("no code yet").isEqualTo(404);
    }
    try (Response r = get("/ui/api/logins/flow-1/qr", null)) {
      assertThat(r.code()).isEqualTo(401);
    }
  }

  @Test
  void aCodeOfAnyTypeButPngJpegOrGifIsNotServed() throws Exception {
    String[] types = {"image/svg+xml", "text/html", "image/png", "image/jpeg"};
    QrLogins logins =
        new FakeQrLogins() {
          @Override
          public Optional<QrImage> image(String flowId) {
            return Optional.of(new QrImage(PNG, types[Integer.parseInt(flowId)]));
          }
        };
    start(null, logins);
    Browser browser = signIn();
    for (int i = 0; i < types.length; i++) {
      try (Response r = get("/ui/api/logins/" + i + "/qr", browser.cookie())) {
        assertThat(r.code()).as(types[i]).isEqualTo(i < 2 ? 404 : 200);
        assertThat(r.header("Content-Type")).as(types[i]).isNotEqualTo(types[0]);
      }
    }
  }

  @Test
  void withoutQrLoginsTheyAreRefusedWith503() throws Exception {
    start(null, new UnavailableQrLogins());
    Browser browser = signIn();
    try (Response r =
        post("/ui/api/accounts/carol/login", browser, base, json("{\"kind\":\"qq\"}"))) {
      assertThat(r.code()).isEqualTo(503);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.body().string()).contains("\"error\":").contains("login --qr");
    }
  }

  // ---- helpers

  Browser signIn() throws IOException {
    String cookie;
    try (Response r = signInWith(TOKEN)) {
      String setCookie = r.header("Set-Cookie");
      cookie = setCookie.substring(0, setCookie.indexOf(';'));
    }
    try (Response r = get("/ui/", cookie)) {
      Matcher m = CSRF.matcher(r.body().string());
      assertThat(m.find()).as("the page carries a CSRF token").isTrue();
      return new Browser(cookie, m.group(1));
    }
  }

  Response signInWith(String token) throws IOException {
    return signInWith(token, pageOrigin);
  }

  Response signInWith(String token, String origin) throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url(base + "/ui/signin")
            .post(RequestBody.create("token=" + token, FORM));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return CLIENT.newCall(request.build()).execute();
  }

  Response get(String path, String cookie) throws IOException {
    Request.Builder request = new Request.Builder().url(base + path);
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return CLIENT.newCall(request.build()).execute();
  }

  Response post(String path, Browser browser, String origin, RequestBody body) throws IOException {
    Request.Builder request = new Request.Builder().url(base + path).post(body);
    request.header("Cookie", browser.cookie());
    if (browser.csrf() != null) {
      request.header("X-CSRF-Token", browser.csrf());
    }
    if (origin != null) {
      request.header("Origin", origin);
    }
    return CLIENT.newCall(request.build()).execute();
  }

  static RequestBody json(String text) {
    return RequestBody.create(text, JSON);
  }

  static JsonNode json(Response response) throws IOException {
    try (response) {
      assertThat(response.code()).isEqualTo(200);
      return new ObjectMapper().readTree(response.body().string());
    }
  }

  /** One running flow, "flow-1", of a QQ login on its second code; "flow-2" has none yet. */
  static class FakeQrLogins implements QrLogins {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    final List<String> started = new ArrayList<>();

    @Override
    public synchronized String start(String account, boolean weChat) {
      if (!started.isEmpty()) {
        throw new IllegalStateException("flow-1");
      }
      started.add(account + ":" + (weChat ? "wechat" : "qq"));
      return "flow-1";
    }

    @Override
    public Optional<QrLoginView> view(String flowId) {
      return flowId.equals("flow-1")
          ? Optional.of(new QrLoginView("flow-1", "carol", "qq", "waiting", "scan the code", 2))
          : Optional.empty();
    }

    @Override
    public Optional<QrImage> image(String flowId) {
      return flowId.equals("flow-1")
          ? Optional.of(new QrImage(PNG, "image/png"))
          : Optional.empty();
    }
  }
}
