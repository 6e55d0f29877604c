package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.selftest.SimulatedQrLogin;
import dev.qmcookie.testkit.RenewalAnswers;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, unchanged, talks to QQ's real https URLs: these tests point only the JVM's own
 * host resolution ({@code jdk.net.hosts.file}) and trust store at a local TLS fake on port 443, as
 * the outside checks do. No endpoint flag or variable is set. Needs root for port 443.
 */
class RealUrlsIT {
  private static final Path JAR = Path.of("target", "qmcookie.jar").toAbsolutePath();
  private static final List<String> QQ_HOSTS =
      List.of(
          "u6.y.qq.com",
          "u.y.qq.com",
          "c6.y.qq.com",
          "ssl.ptlogin2.qq.com",
          "xui.ptlogin2.qq.com",
          "ssl.ptlogin2.graph.qq.com",
          "graph.qq.com",
          "open.weixin.qq.com",
          "lp.open.weixin.qq.com");

  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> seen = new ArrayList<>();
  private Path home;
  private Path hosts;
  private Path trustStore;
  private Answers answers;

  @BeforeEach
  void startTheFakeQq() throws Exception {
    HeldCertificate authority =
        new HeldCertificate.Builder().certificateAuthority(0).commonName("Fake QQ CA").build();
    HeldCertificate.Builder site = new HeldCertificate.Builder().signedBy(authority);
    QQ_HOSTS.forEach(site::addSubjectAlternativeName);
    HandshakeCertificates serverSide =
        new HandshakeCertificates.Builder().heldCertificate(site.build()).build();
    server.useHttps(serverSide.sslSocketFactory());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            synchronized (seen) {
              seen.add(request);
            }
            return answers.dispatch(request);
          }
        });
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 443);
    } catch (IOException e) {
      Assumptions.abort("port 443 on 127.0.0.1 is needed (run as root): " + e.getMessage());
    }

    hosts = dir.resolve("hosts");
    StringBuilder lines = new StringBuilder();
    QQ_HOSTS.forEach(h -> lines.append("127.0.0.1 ").append(h).append('\n'));
    Files.writeString(hosts, lines);
    trustStore = dir.resolve("trust.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("fake-qq-ca", authority.certificate());
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      store.store(out, "changeit".toCharArray());
    }

    home = dir.resolve("home");
    CliRunner cli = new CliRunner(home);
    // The launched jar reads the real clock: the key is 21 hours old by it, so renewal is due.
    Instant created = Instant.now().minus(Duration.ofHours(21));
    cli.clock.advance(Duration.between(QqLogin.NOW, created));
    cli.importCookie("default", QqLogin.header(QqLogin.UIN, QqLogin.KEY, created));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void renewalGoesToTheRealHttpsEndpointAndItsAnswerIsStored() throws Exception {
    answers = byHost(Map.of("u6.y.qq.com", success()));

    Run run = jar(true, "renew");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(seen).hasSize(1);
    RecordedRequest request = seen.get(0);
    assertThat(request.getUrl().host()).isEqualTo("u6.y.qq.com");
    assertThat(request.getTarget()).startsWith("/cgi-bin/musicu.fcg?").contains("format=json");
    assertThat(request.getHandshake()).as("it came over TLS").isNotNull();
    assertThat(request.getHandshakeServerNames()).containsExactly("u6.y.qq.com");
    assertThat(jar(true, "export", "--format", "header").out()).contains("NEWKEYoverHTTPS");
  }

  @Test
  void aServerTheTrustStoreDoesNotVouchForIsRefusedAndTheCookieKept() throws Exception {
    answers = byHost(Map.of("u6.y.qq.com", success()));
    byte[] before = Files.readAllBytes(home.resolve("default").resolve("cookie.json"));

    Run run = jar(false, "renew");

    assertThat(run.code()).as("a passing fault, not a success: %s", run.err()).isEqualTo(4);
    assertThat(seen).as("no request reached the fake without a trusted certificate").isEmpty();
    assertThat(Files.readAllBytes(home.resolve("default").resolve("cookie.json")))
        .isEqualTo(before);
  }

  @Test
  void whereShapeAIsRefusedShapeBGoesToItsOwnHttpsHostInTheSameAttempt() throws Exception {
    answers = byHost(Map.of("u6.y.qq.com", RenewalAnswers.code(0, 20261), "u.y.qq.com", success()));

    Run run = jar(true, "renew");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).getUrl().host()).isEqualTo("u6.y.qq.com");
    RecordedRequest shapeB = seen.get(1);
    assertThat(shapeB.getUrl().host()).isEqualTo("u.y.qq.com");
    // Over HTTP/2 the client may reuse the first host's connection, as a browser does, when the
    // certificate covers both names and the address is the same; the request still names its host.
    assertThat(shapeB.getHandshake()).as("it came over TLS").isNotNull();
    assertThat(shapeB.getTarget()).isEqualTo("/cgi-bin/musicu.fcg");
    assertThat(shapeB.getBody().utf8()).contains("music.login.LoginServer");
    assertThat(jar(true, "status", "--json").out()).containsPattern("\"shape\" ?: ?\"b\"");
  }

  @Test
  void theLiveCheckAsksTheRealProfilePageOverHttps() throws Exception {
    answers =
        byHost(
            Map.of("c6.y.qq.com", RenewalAnswers.json("{\"code\":0,\"data\":{\"creator\":{}}}")));

    Run run = jar(true, "status", "--check");

    assertThat(run.out()).as(run.err()).contains("server: accepted");
    assertThat(seen).hasSize(1);
    RecordedRequest check = seen.get(0);
    assertThat(check.getUrl().host()).isEqualTo("c6.y.qq.com");
    assertThat(check.getHandshakeServerNames()).containsExactly("c6.y.qq.com");
    assertThat(check.getUrl().encodedPath())
        .isEqualTo("/rsc/fcgi-bin/fcg_get_profile_homepage.fcg");
    assertThat(check.getUrl().queryParameter("userid")).isEqualTo(QqLogin.UIN);
  }

  @Test
  void aBrowserlessQrLoginTalksToEveryRealHttpsHostOfBothFlows() throws Exception {
    try (SimulatedQrLogin qr = new SimulatedQrLogin().keysCreatedNow()) {
      OkHttpClient forward =
          new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false).build();
      answers =
          request ->
              request.getUrl().host().equals("c6.y.qq.com")
                  ? RenewalAnswers.json("{\"code\":0}")
                  : forwardTo(forward, qr.port(), request);

      Run qq = jar(true, "login", "--qr", "--account", "qq", "--timeout", "60s");
      Run weChat = jar(true, "login", "--qr", "--wechat", "--account", "wx", "--timeout", "60s");

      assertThat(qq.code()).as(qq.err()).isZero();
      assertThat(qq.out()).contains("server: accepted");
      assertThat(weChat.code()).as(weChat.err()).isZero();
      assertThat(jar(true, "status", "--account", "qq").out()).contains("fresh");
      assertThat(jar(true, "export", "--account", "wx", "--format", "header").out())
          .contains("qqmusic_key=" + SimulatedQrLogin.WX_KEY);
      List<String> hosts = seen.stream().map(r -> r.getUrl().host()).distinct().toList();
      assertThat(hosts)
          .contains(
              "ssl.ptlogin2.qq.com",
              "ssl.ptlogin2.graph.qq.com",
              "graph.qq.com",
              "u.y.qq.com",
              "open.weixin.qq.com",
              "lp.open.weixin.qq.com",
              "c6.y.qq.com");
      assertThat(seen).allSatisfy(r -> assertThat(r.getHandshake()).isNotNull());
    }
  }

  // The TLS fake in front of the plain-HTTP simulated QR servers, which dispatch by Host.
  private static MockResponse forwardTo(OkHttpClient client, int port, RecordedRequest request) {
    okhttp3.Request.Builder out =
        new okhttp3.Request.Builder()
            .url("http://127.0.0.1:" + port + request.getTarget())
            .header("Host", request.getUrl().host());
    for (String name : List.of("Cookie", "Referer", "User-Agent", "Content-Type")) {
      String value = request.getHeaders().get(name);
      if (value != null) {
        out.header(name, value);
      }
    }
    okhttp3.RequestBody body =
        request.getMethod().equals("POST")
            ? okhttp3.RequestBody.create(
                request.getBody() == null ? new byte[0] : request.getBody().toByteArray(),
                okhttp3.MediaType.parse(request.getHeaders().get("Content-Type")))
            : null;
    out.method(request.getMethod(), body);
    try (okhttp3.Response answer = client.newCall(out.build()).execute()) {
      MockResponse.Builder back = new MockResponse.Builder().code(answer.code());
      for (kotlin.Pair<? extends String, ? extends String> h : answer.headers()) {
        if (!h.getFirst().equalsIgnoreCase("Content-Length")
            && !h.getFirst().equalsIgnoreCase("Transfer-Encoding")) {
          back.addHeader(h.getFirst(), h.getSecond());
        }
      }
      return back.body(new okio.Buffer().write(answer.body().bytes())).build();
    } catch (IOException e) {
      return new MockResponse.Builder().code(502).build();
    }
  }

  private MockResponse success() {
    return RenewalAnswers.success(QqLogin.UIN, "Q_H_L_NEWKEYoverHTTPS0000001", Instant.now());
  }

  private interface Answers {
    MockResponse dispatch(RecordedRequest request) throws InterruptedException;
  }

  private static Answers byHost(Map<String, MockResponse> byHost) {
    return request -> {
      // Over HTTP/2 the host arrives as :authority, which the recorded URL carries.
      MockResponse answer = byHost.get(request.getUrl().host());
      return answer != null ? answer : new MockResponse.Builder().code(404).build();
    };
  }

  private Run jar(boolean trusted, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djdk.net.hosts.file=" + hosts);
    if (trusted) {
      command.add("-Djavax.net.ssl.trustStore=" + trustStore);
      command.add("-Djavax.net.ssl.trustStorePassword=changeit");
    }
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    command.addAll(List.of("--home", home.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    for (String name :
        List.of(
            "QMCOOKIE_ENDPOINT",
            "QMCOOKIE_CHECK_ENDPOINT",
            "QMCOOKIE_ROUTE",
            "QMCOOKIE_HOME",
            "JAVA_TOOL_OPTIONS")) {
      pb.environment().remove(name);
    }
    pb.environment().keySet().removeIf(name -> name.toLowerCase().endsWith("_proxy"));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        pb.redirectInput(new File("/dev/null"))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("qmcookie finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Run(int code, String out, String err) {}
}
