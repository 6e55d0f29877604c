package dev.qmcookie.qrlogin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.cookie.LoginKind;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.testkit.RenewalAnswers;
import dev.qmcookie.testkit.ToLocalFake;
import java.net.InetAddress;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The code exchange's answers other than the happy ones the simulated site gives. */
class CodeExchangeTest {
  static final Instant NOW = Instant.ofEpochSecond(1_790_000_000L);
  static final String UIN = "223344556";

  final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  QrLoginResult exchange(String expectedUin) {
    OkHttpClient client =
        new OkHttpClient.Builder().addInterceptor(new ToLocalFake(server.getPort())).build();
    ObjectNode request = JsonTrees.object();
    request
        .put("module", "QQConnectLogin.LoginServer")
        .put("method", "QQLogin")
        .putObject("param")
        .put("code", "CODE1");
    return CodeExchange.exchange(
        new FlowSession(client, "UA"),
        LoginKind.QQ,
        request,
        expectedUin,
        "UA",
        QqQrLogin.SOURCE,
        NOW);
  }

  static String answer(String musicid, String strMusicid) {
    return "{\"code\":0,\"req1\":{\"code\":0,\"data\":{\"musicid\":"
        + musicid
        + ",\"str_musicid\":\""
        + strMusicid
        + "\",\"musickey\":\"Q_H_L_newKEY\",\"refresh_token\":\"R\",\"access_token\":\"A\","
        + "\"openid\":\"O\",\"unionid\":\"U\",\"keyExpiresIn\":259200,\"loginType\":2}}}";
  }

  @Test
  void theCodeIsPostedWithTheWebCommOfAQqLogin() throws Exception {
    server.enqueue(RenewalAnswers.json(answer(UIN, UIN)));

    exchange(UIN);

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getHeaders().get("Host")).isEqualTo("u.y.qq.com");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/cgi-bin/musicu.fcg");
    var body = JsonTrees.read(request.getBody().utf8());
    assertThat(body.path("comm").path("tmeLoginType").asInt()).isEqualTo(2);
    assertThat(body.path("comm").path("ct").asInt()).isEqualTo(24);
    assertThat(body.path("req1").path("param").path("code").asText()).isEqualTo("CODE1");
  }

  @Test
  void aKeyIssuedWithoutItsTimeCountsFromNow() {
    server.enqueue(RenewalAnswers.json(answer(UIN, UIN)));

    QrLoginResult result = exchange(UIN);

    assertThat(result.cookies().valueOrEmpty("psrf_musickey_createtime"))
        .isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(result.metadata().refreshKey()).isNull();
  }

  @Test
  void anAnswerWhoseTwoAccountNumbersDifferIsRejected() {
    server.enqueue(RenewalAnswers.json(answer(UIN, "998877665")));

    assertThatThrownBy(() -> exchange(null))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("another account");
  }

  @Test
  void aServerErrorIsTransient() {
    server.enqueue(new MockResponse.Builder().code(502).body("bad gateway").build());

    assertThatThrownBy(() -> exchange(UIN))
        .isInstanceOfSatisfying(
            TransientFailureException.class, e -> assertThat(e.code()).isEqualTo(502));
  }

  @Test
  void aWebPageInsteadOfJsonIsTransient() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .body("<html>安全验证</html>")
            .build());

    assertThatThrownBy(() -> exchange(UIN))
        .isInstanceOf(TransientFailureException.class)
        .hasMessageContaining("not answer JSON");
  }

  @Test
  void anAnswerWithoutAKeyIsTransient() {
    server.enqueue(RenewalAnswers.code(0, 0));

    assertThatThrownBy(() -> exchange(UIN))
        .isInstanceOf(TransientFailureException.class)
        .hasMessageContaining("without a music key");
  }

  @Test
  void aTopLevel1000MeansTheCodeWasUsed() {
    server.enqueue(RenewalAnswers.code(1000, 0));

    assertThatThrownBy(() -> exchange(UIN))
        .isInstanceOfSatisfying(
            LoginInvalidException.class, e -> assertThat(e.code()).isEqualTo(1000));
  }

  @Test
  void anotherCodeIsTransientAndKept() {
    server.enqueue(RenewalAnswers.code(0, 104604));

    assertThatThrownBy(() -> exchange(UIN))
        .isInstanceOfSatisfying(
            TransientFailureException.class, e -> assertThat(e.code()).isEqualTo(104604))
        .hasMessageContaining("code 104604");
  }
}
