package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.testkit.RenewalAnswers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both renewal shapes against a local fake: the exact bodies, and when auto sends the other shape.
 */
class ShapeRenewalTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String UIN = "123456789";
  static final String KEY = "Q_H_L_63k3NoldKEYoldKEYoldKEY01";
  static final String WX_UIN = "987654321";
  static final String WX_KEY = "W_X_63B0aWxoldWECHATkey01";
  static final String NEW_KEY = "Q_H_L_63k3NnewKEYnewKEYnewKEY02";
  static final String REFRESH_KEY = "RKEYold0000000000000000001";
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final LocalEndpoint endpoint = new LocalEndpoint();
  final MockWebServer server = endpoint.server;

  @Test
  void shapeBForAQqLoginSendsTheReferenceLibrarysParamsAndWebComm() throws Exception {
    server.enqueue(RenewalAnswers.success(UIN, NEW_KEY, NOW));

    RenewalResult result = endpoint.renewer(ShapeChoice.B).renew(qqRecord(withRefreshKey()));

    assertThat(result.succeeded()).isTrue();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/cgi-bin/musicu.fcg");
    assertThat(request.getUrl().query()).as("shape B carries no query").isNull();
    assertThat(request.getHeaders().get("Cookie")).contains("qqmusic_key=" + KEY);
    assertThat(request.getHeaders().get("Referer")).isEqualTo("https://y.qq.com/");
    long expiresAt = created().plus(Duration.ofDays(7)).getEpochSecond();
    int gTk = hash33(KEY);
    assertThat(JSON.readTree(request.getBody().utf8()))
        .isEqualTo(
            JSON.readTree(
                "{\"comm\":{\"ct\":24,\"cv\":4747474,\"platform\":\"yqq.json\",\"uin\":"
                    + UIN
                    + ",\"g_tk\":"
                    + gTk
                    + ",\"g_tk_new_20200303\":"
                    + gTk
                    + ",\"need_new_code\":1,\"tmeLoginType\":2},"
                    + "\"req1\":{\"module\":\"music.login.LoginServer\",\"method\":\"Login\","
                    + "\"param\":{\"openid\":\"OPENID01\",\"access_token\":\"ACCESS01\","
                    + "\"refresh_token\":\"REFRESH01\",\"expired_in\":"
                    + expiresAt
                    + ",\"musicid\":"
                    + UIN
                    + ",\"musickey\":\""
                    + KEY
                    + "\",\"refresh_key\":\""
                    + REFRESH_KEY
                    + "\",\"loginMode\":2}}}"));
  }

  @Test
  void shapeBForAWeChatLoginSendsTheWeChatParams() throws Exception {
    server.enqueue(RenewalAnswers.success(WX_UIN, "W_X_63B0aWxnewWECHATkey02", NOW));

    RenewalResult result = endpoint.renewer(ShapeChoice.B).renew(wechatRecord());

    assertThat(result.succeeded()).isTrue();
    int gTk = hash33(WX_KEY);
    assertThat(JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8()))
        .isEqualTo(
            JSON.readTree(
                "{\"comm\":{\"ct\":24,\"cv\":4747474,\"platform\":\"yqq.json\",\"uin\":"
                    + WX_UIN
                    + ",\"g_tk\":"
                    + gTk
                    + ",\"g_tk_new_20200303\":"
                    + gTk
                    + ",\"need_new_code\":1,\"tmeLoginType\":1},"
                    + "\"req1\":{\"module\":\"music.login.LoginServer\",\"method\":\"Login\","
                    + "\"param\":{\"openid\":\"WXOPENID01\",\"refresh_token\":\"WXREFRESH01\","
                    + "\"str_musicid\":\""
                    + WX_UIN
                    + "\",\"musickey\":\""
                    + WX_KEY
                    + "\",\"unionid\":\"WXUNIONID01\",\"refresh_key\":\"\",\"loginMode\":2}}}"));
  }

  @Test
  void shapeAForAWeChatLoginStaysTodaysBody() throws Exception {
    server.enqueue(RenewalAnswers.success(WX_UIN, "W_X_63B0aWxnewWECHATkey02", NOW));

    endpoint.renewer(ShapeChoice.A).renew(wechatRecord());

    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.at("/req1/param/strAppid").asText()).isEqualTo("wx48db31d50e334801");
    assertThat(body.at("/req1/param/access_token").asText()).isEqualTo("WXACCESS01");
    assertThat(body.at("/comm")).isEqualTo(JSON.readTree("{\"tmeLoginType\":1}"));
  }

  @Test
  void autoSendsShapeBInTheSameAttemptWhenShapeAIsRefusedAndRemembersIt() throws Exception {
    server.enqueue(RenewalAnswers.code(0, 20261));
    server.enqueue(RenewalAnswers.success(UIN, NEW_KEY, NOW));

    RenewalResult result = endpoint.renewer(ShapeChoice.AUTO).renew(qqRecord(CookieMetadata.NONE));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.shapes()).containsExactly(RenewalShape.A, RenewalShape.B);
    assertThat(result.tries()).isEqualTo(2);
    assertThat(sentModules())
        .containsExactly("QQConnectLogin.LoginServer", "music.login.LoginServer");
    assertThat(result.renewed().metadata().shape()).isEqualTo("b");
    assertThat(result.renewed().metadata().shapeSince()).isEqualTo(NOW);
  }

  @ParameterizedTest
  @ValueSource(ints = {20261, 2000, 1000, 104400, 104401})
  void everyCodeAShapeCouldExplainGetsTheOtherShapeOnce(int code) throws Exception {
    server.enqueue(RenewalAnswers.code(0, code));
    server.enqueue(RenewalAnswers.success(UIN, NEW_KEY, NOW));

    RenewalResult result = endpoint.renewer(ShapeChoice.AUTO).renew(qqRecord(CookieMetadata.NONE));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.shapes()).containsExactly(RenewalShape.A, RenewalShape.B);
  }

  @Test
  void aNonZeroTopLevelCodeGetsTheOtherShapeOnce() throws Exception {
    server.enqueue(RenewalAnswers.json("{\"code\":500001}"));
    server.enqueue(RenewalAnswers.success(UIN, NEW_KEY, NOW));

    RenewalResult result = endpoint.renewer(ShapeChoice.AUTO).renew(qqRecord(CookieMetadata.NONE));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.shapes()).containsExactly(RenewalShape.A, RenewalShape.B);
  }

  @Test
  void theStoredShapeIsSentFirstAndItsTimeIsKept() throws Exception {
    Instant since = NOW.minus(Duration.ofDays(3));
    server.enqueue(RenewalAnswers.success(UIN, NEW_KEY, NOW));

    RenewalResult result =
        endpoint.renewer(ShapeChoice.AUTO).renew(qqRecord(shapeMetadata("b", since)));

    assertThat(sentModules()).containsExactly("music.login.LoginServer");
    assertThat(result.renewed().metadata().shape()).isEqualTo("b");
    assertThat(result.renewed().metadata().shapeSince()).isEqualTo(since);
  }

  @Test
  void aStoredShapeBThatIsRefusedFallsBackToShapeA() throws Exception {
    server.enqueue(RenewalAnswers.code(0, 20261));
    server.enqueue(RenewalAnswers.success(UIN, NEW_KEY, NOW));

    RenewalResult result =
        endpoint
            .renewer(ShapeChoice.AUTO)
            .renew(qqRecord(shapeMetadata("b", NOW.minusSeconds(99))));

    assertThat(result.shapes()).containsExactly(RenewalShape.B, RenewalShape.A);
    assertThat(result.renewed().metadata().shape()).isEqualTo("a");
    assertThat(result.renewed().metadata().shapeSince()).isEqualTo(NOW);
  }

  @Test
  void aTimeoutOnShapeANeverSendsShapeB() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).build());
    }

    RenewalResult result = endpoint.renewer(ShapeChoice.AUTO).renew(qqRecord(CookieMetadata.NONE));

    assertThat(result.failure()).isInstanceOf(TransientFailureException.class);
    assertThat(result.shapes()).containsOnly(RenewalShape.A);
    assertThat(sentModules()).containsOnly("QQConnectLogin.LoginServer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http-500", "html", "truncated", "request-code"})
  void faultsAndCodesNoShapeExplainsNeverSendTheOtherShape(String fault) throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(faulty(fault));
    }

    RenewalResult result = endpoint.renewer(ShapeChoice.AUTO).renew(qqRecord(CookieMetadata.NONE));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.shapes()).containsOnly(RenewalShape.A);
    assertThat(sentModules()).containsOnly("QQConnectLogin.LoginServer");
  }

  @Test
  void aForcedShapeNeverSwitches() throws Exception {
    server.enqueue(RenewalAnswers.code(0, 104401));

    RenewalResult result = endpoint.renewer(ShapeChoice.A).renew(qqRecord(shapeMetadata("b", NOW)));

    assertThat(result.failure()).isInstanceOf(LoginInvalidException.class);
    assertThat(sentModules()).containsExactly("QQConnectLogin.LoginServer");
  }

  @Test
  void aLoginRefusedByBothShapesIsRefusedAfterTwoRequests() throws Exception {
    server.enqueue(RenewalAnswers.code(0, 104401));
    server.enqueue(RenewalAnswers.code(0, 20261));

    RenewalResult result = endpoint.renewer(ShapeChoice.AUTO).renew(qqRecord(CookieMetadata.NONE));

    assertThat(result.failure())
        .as("shape B not understanding the question does not overrule shape A's verdict")
        .isInstanceOf(LoginInvalidException.class);
    assertThat(result.code()).isEqualTo(104401);
    assertThat(result.shapes()).containsExactly(RenewalShape.A, RenewalShape.B);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aLoginRefusalByTheFallbackOverrulesAParameterErrorOfTheFirstShape() throws Exception {
    server.enqueue(RenewalAnswers.code(0, 20261));
    server.enqueue(RenewalAnswers.code(0, 104400));

    RenewalResult result = endpoint.renewer(ShapeChoice.AUTO).renew(qqRecord(CookieMetadata.NONE));

    assertThat(result.failure()).isInstanceOf(LoginInvalidException.class);
    assertThat(result.code()).isEqualTo(104400);
    assertThat(server.getRequestCount()).as("neither shape is asked again").isEqualTo(2);
  }

  @Test
  void theFallbackDoesNotUseUpATryAndStaysWithItsShape() throws Exception {
    server.enqueue(RenewalAnswers.code(0, 20261));
    server.enqueue(faulty("http-500"));
    server.enqueue(faulty("http-500"));
    server.enqueue(RenewalAnswers.success(UIN, NEW_KEY, NOW));

    RenewalResult result = endpoint.renewer(ShapeChoice.AUTO).renew(qqRecord(CookieMetadata.NONE));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.shapes())
        .containsExactly(RenewalShape.A, RenewalShape.B, RenewalShape.B, RenewalShape.B);
    assertThat(result.renewed().metadata().shape()).isEqualTo("b");
  }

  @Test
  void aRefreshKeyInTheAnswerIsKeptAsMetadataNotAsACookie() throws Exception {
    server.enqueue(
        RenewalAnswers.json(
            RenewalAnswers.successJson(UIN, NEW_KEY, NOW)
                .replace(
                    "\"refresh_key\":\"\"", "\"refresh_key\":\"RKEYnew0000000000000000002\"")));

    RenewalResult result = endpoint.renewer(ShapeChoice.AUTO).renew(qqRecord(withRefreshKey()));

    assertThat(result.renewed().metadata().refreshKey()).isEqualTo("RKEYnew0000000000000000002");
    assertThat(CookieFormats.header(result.renewed().cookies()))
        .doesNotContain("RKEYnew0000000000000000002");
    assertThat(result.renewed().metadata().toString()).doesNotContain("RKEYnew0000000000000000002");
  }

  @Test
  void anOverriddenEndpointReceivesBothShapesAndTheDefaultsAreTheRealOnes() {
    HttpUrl override = HttpUrl.get("http://127.0.0.1:9/stand-in");

    assertThat(RenewalRequests.build(override, qqRecord(CookieMetadata.NONE), RenewalShape.B).url())
        .isEqualTo(override);
    assertThat(
            RenewalRequests.build(
                    HttpUrl.get(RenewalRequests.DEFAULT_ENDPOINT),
                    qqRecord(CookieMetadata.NONE),
                    RenewalShape.B)
                .url()
                .toString())
        .isEqualTo("https://u.y.qq.com/cgi-bin/musicu.fcg");
    assertThat(
            RenewalRequests.build(
                    HttpUrl.get(RenewalRequests.DEFAULT_ENDPOINT),
                    qqRecord(CookieMetadata.NONE),
                    RenewalShape.A)
                .url()
                .toString())
        .startsWith("https://u6.y.qq.com/cgi-bin/musicu.fcg?format=json");
  }

  @Test
  void theDryRunOfShapeBNamesItAndMasksTheRefreshKeyAndGtk() {
    String shown =
        RenewalRequests.describe(
            server.url("/cgi-bin/musicu.fcg"), qqRecord(withRefreshKey()), RenewalShape.B);

    assertThat(shown).startsWith("shape b\n").contains("music.login.LoginServer");
    String masked = Secrets.mask(Integer.toString(hash33(KEY)));
    assertThat(shown)
        .contains("\"g_tk\" : \"" + masked + "\"")
        .contains("\"g_tk_new_20200303\" : \"" + masked + "\"");
    assertThat(shown)
        .doesNotContain(REFRESH_KEY)
        .doesNotContain(KEY)
        .doesNotContain(Integer.toString(hash33(KEY)));
  }

  // PROTOCOL.md's definition, computed here rather than trusting the code under test.
  static int hash33(String text) {
    long h = 5381;
    for (char c : text.toCharArray()) {
      h = (h * 33 + c) % (1L << 31);
    }
    return (int) h;
  }

  List<String> sentModules() throws Exception {
    List<String> modules = new ArrayList<>();
    int count = server.getRequestCount();
    for (int i = 0; i < count; i++) {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      modules.add(JSON.readTree(r.getBody().utf8()).at("/req1/module").asText());
    }
    return modules;
  }

  static MockResponse faulty(String fault) {
    switch (fault) {
      case "http-500":
        return new MockResponse.Builder().code(500).body("{}").build();
      case "html":
        return new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .body("<html><title>安全验证</title></html>")
            .build();
      case "truncated":
        return RenewalAnswers.json("{\"code\":0,\"req1\":{\"code\":0,\"da");
      default:
        return RenewalAnswers.code(0, 500001);
    }
  }

  static Instant created() {
    return NOW.minus(Duration.ofHours(21));
  }

  static CookieMetadata withRefreshKey() {
    return CookieMetadata.NONE.withRefreshKey(REFRESH_KEY);
  }

  static CookieMetadata shapeMetadata(String shape, Instant since) {
    return CookieMetadata.NONE.withShapeThatWorked(shape, since);
  }

  static CookieRecord qqRecord(CookieMetadata metadata) {
    long c = created().getEpochSecond();
    String header =
        "login_type=1; psrf_musickey_createtime="
            + c
            + "; euin=oKoAoFAKEoc7Nv**; uin="
            + UIN
            + "; qqmusic_key="
            + KEY
            + "; qm_keyst="
            + KEY
            + "; psrf_qqrefresh_token=REFRESH01; psrf_qqunionid=UNIONID01; tmeLoginType=2;"
            + " psrf_qqaccess_token=ACCESS01; psrf_qqopenid=OPENID01;"
            + " psrf_access_token_expiresAt="
            + (c + Duration.ofDays(7).toSeconds());
    return new CookieRecord(CookieFormats.read(header).record().cookies(), metadata);
  }

  static CookieRecord wechatRecord() {
    String header =
        "login_type=2; wxuin=o"
            + WX_UIN
            + "; uin="
            + WX_UIN
            + "; qqmusic_key="
            + WX_KEY
            + "; qm_keyst="
            + WX_KEY
            + "; psrf_musickey_createtime="
            + created().getEpochSecond()
            + "; wxopenid=WXOPENID01; wxunionid=WXUNIONID01; wxrefresh_token=WXREFRESH01;"
            + " wxaccess_token=WXACCESS01; tmeLoginType=1; euin=oWXFAKE**";
    return new CookieRecord(CookieFormats.read(header).record().cookies(), CookieMetadata.NONE);
  }
}
