package dev.qmcookie.cli;

import static dev.qmcookie.cli.QqLogin.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.testkit.RenewalAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenewCommandTest {
  static final String NEW_KEY = "Q_H_L_63k3NnewKEYnewKEYnewKEY02";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  MockWebServer server;
  CliRunner cli;
  String endpoint;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    endpoint = server.url("/cgi-bin/musicu.fcg").toString();
    cli = new CliRunner(home);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  CliRunner.Result renew(String... extra) {
    List<String> args = new ArrayList<>(List.of("renew", "--endpoint", endpoint));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  CookieRecord stored(String account) throws IOException {
    return CookieFormats.readStoreDocument(new String(cli.storedBytes(account)));
  }

  @Test
  void sendsTheProtocolRequestAndStoresTheMergedCookie() throws Exception {
    String original = QqLogin.header(Duration.ofHours(21));
    cli.importCookie("default", original, "--user-agent", QqLogin.USER_AGENT);
    byte[] before = cli.storedBytes("default");
    Instant issued = NOW.minusSeconds(5);
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, issued));

    CliRunner.Result result = renew();

    assertThat(result.code()).as(result.toString()).isZero();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    HttpUrl url = request.getUrl();
    assertThat(url.encodedPath()).isEqualTo("/cgi-bin/musicu.fcg");
    assertThat(url.queryParameterNames())
        .containsExactlyInAnyOrder("format", "inCharset", "outCharset");
    assertThat(url.queryParameter("format")).isEqualTo("json");
    assertThat(url.queryParameter("inCharset")).isEqualTo("utf8");
    assertThat(url.queryParameter("outCharset")).isEqualTo("utf8");
    assertThat(request.getHeaders().get("Cookie")).isEqualTo(original);
    assertThat(request.getHeaders().get("Referer")).isEqualTo("https://y.qq.com/");
    assertThat(request.getHeaders().get("Origin")).isEqualTo("https://y.qq.com");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo(QqLogin.USER_AGENT);

    JsonNode body = JSON.readTree(request.getBody().utf8());
    assertThat(fieldNames(body)).containsExactly("code", "req1");
    assertThat(body.get("code").isInt()).isTrue();
    JsonNode req1 = body.get("req1");
    assertThat(req1.get("module").asText()).isEqualTo("QQConnectLogin.LoginServer");
    assertThat(req1.get("method").asText()).isEqualTo("QQLogin");
    assertThat(req1.get("code").asInt(-1)).isZero();
    JsonNode p = req1.get("param");
    assertThat(fieldNames(p))
        .containsExactlyInAnyOrder(
            "onlyNeedAccessToken",
            "forceRefreshToken",
            "psrf_qqopenid",
            "refresh_token",
            "access_token",
            "expired_at",
            "musicid",
            "musickey",
            "musickeyCreateTime",
            "unionid",
            "str_musicid",
            "encryptUin");
    long created = NOW.minus(Duration.ofHours(21)).getEpochSecond();
    assertThat(p.get("onlyNeedAccessToken").isInt()).isTrue();
    assertThat(p.get("forceRefreshToken").isInt()).isTrue();
    assertThat(p.get("psrf_qqopenid").textValue()).isEqualTo(QqLogin.OPENID);
    assertThat(p.get("refresh_token").textValue()).isEqualTo(QqLogin.REFRESH_TOKEN);
    assertThat(p.get("access_token").textValue()).isEqualTo(QqLogin.ACCESS_TOKEN);
    assertThat(p.get("expired_at").isIntegralNumber()).isTrue();
    assertThat(p.get("expired_at").asLong()).isEqualTo(created + Duration.ofDays(7).toSeconds());
    assertThat(p.get("musicid").isIntegralNumber()).isTrue();
    assertThat(p.get("musicid").asLong()).isEqualTo(123456789L);
    assertThat(p.get("musickey").textValue()).isEqualTo(QqLogin.KEY);
    assertThat(p.get("musickeyCreateTime").isIntegralNumber()).isTrue();
    assertThat(p.get("musickeyCreateTime").asLong()).isEqualTo(created);
    assertThat(p.get("unionid").textValue()).isEqualTo(QqLogin.UNIONID);
    assertThat(p.get("str_musicid").textValue()).isEqualTo(QqLogin.UIN);
    assertThat(p.get("encryptUin").textValue()).isEqualTo(QqLogin.EUIN);

    CookieSet after = stored("default").cookies();
    assertThat(after.valueOrEmpty("qqmusic_key")).isEqualTo(NEW_KEY);
    assertThat(after.valueOrEmpty("qm_keyst")).isEqualTo(NEW_KEY);
    assertThat(after.valueOrEmpty("psrf_musickey_createtime"))
        .isEqualTo(Long.toString(issued.getEpochSecond()));
    assertThat(after.valueOrEmpty("psrf_qqrefresh_token")).startsWith("REFRESHnew");
    // Empty answers ("openid":"", "encryptUin":"") keep the old values.
    assertThat(after.valueOrEmpty("psrf_qqopenid")).isEqualTo(QqLogin.OPENID);
    assertThat(after.valueOrEmpty("euin")).isEqualTo(QqLogin.EUIN);
    assertThat(after.valueOrEmpty("pgv_info")).isEqualTo("ssid=s1234567");
    assertThat(names(after))
        .containsExactlyElementsOf(names(CookieFormats.read(original).record().cookies()));
    assertThat(stored("default").metadata().keyExpiresIn()).isEqualTo(259200L);
    assertThat(Files.readAllBytes(home.resolve("default/cookie.json.prev"))).isEqualTo(before);
    assertThat(cli.history("default"))
        .hasSize(1)
        .first()
        .asString()
        .contains("\"outcome\":\"renewed\"");

    assertThat(result.out()).contains("renewed").contains("Q_H_L_6***2");
    assertNoSecretIn(result, NEW_KEY, QqLogin.KEY, QqLogin.REFRESH_TOKEN, QqLogin.ACCESS_TOKEN);
  }

  @Test
  void aSecondRenewalPresentsTheKeyTheFirstOneGot() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    Instant firstIssued = NOW.minusSeconds(2);
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, firstIssued));
    String thirdKey = "Q_H_L_63k3NthirdKEYthirdKEY03";
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, thirdKey, NOW.plus(Duration.ofHours(21))));

    assertThat(renew().code()).isZero();
    cli.clock.advance(Duration.ofHours(21));
    CliRunner.Result second = renew();

    assertThat(second.code()).as(second.toString()).isZero();
    server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    JsonNode param = JSON.readTree(request.getBody().utf8()).at("/req1/param");
    assertThat(param.get("musickey").textValue()).isEqualTo(NEW_KEY);
    assertThat(param.get("musickeyCreateTime").asLong()).isEqualTo(firstIssued.getEpochSecond());
    assertThat(param.get("refresh_token").textValue()).startsWith("REFRESHnew");
    assertThat(request.getHeaders().get("Cookie"))
        .contains("qqmusic_key=" + NEW_KEY)
        .contains("qm_keyst=" + NEW_KEY)
        .doesNotContain(QqLogin.KEY);
    assertThat(stored("default").login().musicKey()).isEqualTo(thirdKey);
    assertThat(cli.history("default")).hasSize(2);
  }

  @ParameterizedTest(name = "code {0}/{1}")
  @CsvSource({"1000, 0", "0, 1000", "104401, 0", "0, 104401", "0, 104400"})
  void aRefusedLoginExitsThreeKeepsTheCookieAndIsNotRetried(int topLevel, int req1)
      throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    byte[] before = cli.storedBytes("default");
    // Refused by both shapes: auto sends the other shape once before believing the refusal.
    server.enqueue(RenewalAnswers.code(topLevel, req1));
    server.enqueue(RenewalAnswers.code(topLevel, req1));

    CliRunner.Result result = renew();

    assertThat(result.code()).as(result.toString()).isEqualTo(3);
    assertThat(result.err()).contains("code " + Math.max(topLevel, req1)).contains("log in again");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(cli.storedBytes("default")).isEqualTo(before);
    assertThat(cli.history("default"))
        .singleElement()
        .asString()
        .contains("\"outcome\":\"login-invalid\"")
        .contains("\"shapes\":[\"a\",\"b\"]");

    CliRunner.Result status = cli.run("status", "--json");
    assertThat(status.code()).isEqualTo(3);
    assertThat(JSON.readTree(status.out()).get("state").asText()).isEqualTo("needs-login");
    CliRunner.Result again = renew();
    assertThat(again.code()).isEqualTo(3);
    assertThat(server.getRequestCount())
        .as("needs-login is not sent again without --force")
        .isEqualTo(2);
  }

  @Test
  void anHtmlAntiBotPageIsQuotedRetriedAndChangesNothing() throws Exception {
    String page = "<html><head><title>安全验证 - QQ音乐</title></head><body><p>请完成验证</p></body></html>";
    assertTransientFailure(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .body(page)
            .build(),
        3,
        "安全验证 - QQ音乐");
  }

  @Test
  void aServerErrorIsRetriedAndChangesNothing() throws Exception {
    assertTransientFailure(
        new MockResponse.Builder().code(500).body("oops").build(), 3, "HTTP 500");
  }

  @Test
  void truncatedJsonIsRetriedAndChangesNothing() throws Exception {
    String cut = RenewalAnswers.successJson(QqLogin.UIN, NEW_KEY, NOW).substring(0, 120);
    assertTransientFailure(RenewalAnswers.json(cut), 3, "cut off or malformed");
  }

  @Test
  void aTimeoutIsRetriedAndChangesNothing() throws Exception {
    MockResponse slow =
        new MockResponse.Builder()
            .headersDelay(3, TimeUnit.SECONDS)
            .body(RenewalAnswers.successJson(QqLogin.UIN, NEW_KEY, NOW))
            .build();
    assertTransientFailure(slow, 3, "timed out", "--timeout", "250ms");
  }

  @Test
  void anEmptyMusicKeyIsRejectedAndChangesNothing() throws Exception {
    String empty = RenewalAnswers.successJson(QqLogin.UIN, "", NOW);
    assertTransientFailure(RenewalAnswers.json(empty), 3, "no new music key");
  }

  @Test
  void anAnswerForAnotherAccountIsRejectedAtOnceAndChangesNothing() throws Exception {
    String wrong = RenewalAnswers.successJson("555000111", NEW_KEY, NOW);
    assertTransientFailure(RenewalAnswers.json(wrong), 1, "555000111");
  }

  static MockResponse successSetting(String... setCookies) {
    MockResponse.Builder answer = RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW).newBuilder();
    for (String setCookie : setCookies) {
      answer.addHeader("Set-Cookie", setCookie);
    }
    return answer.build();
  }

  @Test
  void anAnswerSettingAnotherUinIsRejectedAtOnceAndChangesNothing() throws Exception {
    assertTransientFailure(
        successSetting("uin=1; Domain=.qq.com; Path=/"), 1, "tries to change uin to \"1\"");
  }

  @Test
  void anAnswerSettingAnotherUinOnAHostOnlySlotIsRejectedToo() throws Exception {
    // It would not replace the stored uin but sit beside it, and the header export would carry
    // both.
    assertTransientFailure(successSetting("uin=o0999; Path=/"), 1, "tries to change uin");
  }

  @Test
  void anAnswerSettingAWechatUinIsRejected() throws Exception {
    assertTransientFailure(
        successSetting("wxuin=o555000111; Domain=.qq.com; Path=/"), 1, "tries to change wxuin");
  }

  @Test
  void anAnswerRepeatingTheSameUinIsAccepted() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    server.enqueue(
        successSetting(
            "uin=" + QqLogin.UIN + "; Domain=.qq.com; Path=/",
            "uin=o0" + QqLogin.UIN + "; Path=/"));

    CliRunner.Result result = renew();

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(stored("default").login().uin()).isEqualTo(QqLogin.UIN);
  }

  @Test
  void anAnswerSettingACookieWithAnInvalidNameIsRejected() throws Exception {
    assertTransientFailure(
        successSetting("bad(name)=1; Domain=.qq.com; Path=/"), 1, "is not a valid cookie name");
  }

  @Test
  void aNewKeyCarryingALineBreakIsRejected() throws Exception {
    String answer =
        RenewalAnswers.successJson(QqLogin.UIN, NEW_KEY, NOW)
            .replace(NEW_KEY, NEW_KEY + "\\r\\nuin=1");
    assertTransientFailure(
        RenewalAnswers.json(answer), 1, "cookie qqmusic_key: the value contains a line break");
  }

  @Test
  void aNewKeyDatedInTheFutureIsRejected() throws Exception {
    String answer = RenewalAnswers.successJson(QqLogin.UIN, NEW_KEY, NOW.plus(Duration.ofDays(1)));
    assertTransientFailure(RenewalAnswers.json(answer), 1, "in the future");
  }

  @Test
  void aStoredUserAgentNoHeaderCanCarryIsReplacedByTheDefaultInsteadOfFailingEveryRenewal()
      throws Exception {
    CookieRecord login = CookieFormats.read(QqLogin.header(Duration.ofHours(21))).record();
    CookieRecord withChineseAgent =
        new CookieRecord(login.cookies(), login.metadata().withUserAgent("测试浏览器/1.0"));
    cli.importCookie(
        "default",
        CookieFormats.write(dev.qmcookie.cookie.CookieFormat.JSON, withChineseAgent, null));
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW));

    CliRunner.Result result = renew();

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("User-Agent"))
        .startsWith("Mozilla/5.0");
  }

  @Test
  void otherCodesAreRetriedThenSucceed() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    server.enqueue(RenewalAnswers.code(0, -100));
    server.enqueue(new MockResponse.Builder().code(502).build());
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW));

    CliRunner.Result result = renew();

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(stored("default").login().musicKey()).isEqualTo(NEW_KEY);
    assertThat(cli.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(result.out()).contains("3 tries");
  }

  void assertTransientFailure(
      MockResponse answer, int expectedTries, String messagePart, String... extra)
      throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    byte[] before = cli.storedBytes("default");
    for (int i = 0; i < 3; i++) {
      server.enqueue(answer);
    }

    CliRunner.Result result = renew(extra);

    assertThat(result.code()).as(result.toString()).isEqualTo(4);
    assertThat(result.err())
        .contains(messagePart)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(result.err().strip().lines().filter(l -> l.startsWith("qmcookie:"))).hasSize(1);
    assertThat(server.getRequestCount()).isEqualTo(expectedTries);
    assertThat(cli.storedBytes("default")).isEqualTo(before);
    assertThat(home.resolve("default/cookie.json.prev")).doesNotExist();
    assertThat(cli.history("default"))
        .singleElement()
        .asString()
        .contains("\"outcome\":\"transient\"");
    // A passing fault is not a verdict on the login: the account stays due, not needs-login.
    assertThat(JSON.readTree(cli.run("status", "--json").out()).get("state").asText())
        .isEqualTo("due");
  }

  @Test
  void aFreshAccountIsLeftAloneAndSaysSo() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(3)));
    byte[] before = cli.storedBytes("default");

    CliRunner.Result result = renew();

    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("not due");
    assertThat(server.getRequestCount()).isZero();
    assertThat(cli.storedBytes("default")).isEqualTo(before);
  }

  @Test
  void renewAfterAndForceOverrideTheSchedule() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(3)));
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW));
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, "Q_H_L_63k3NforcedKEYforced03", NOW));

    assertThat(renew("--renew-after", "2h").code()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(renew("--force").code()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anExpiredKeyNeedsANewLoginAndSendsNothingUnlessForced() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(25)));
    byte[] before = cli.storedBytes("default");

    CliRunner.Result result = renew();

    assertThat(result.code()).isEqualTo(3);
    assertThat(result.err()).contains("expired").contains("import");
    assertThat(server.getRequestCount()).isZero();
    assertThat(cli.storedBytes("default")).isEqualTo(before);

    server.enqueue(RenewalAnswers.code(0, 1000));
    server.enqueue(RenewalAnswers.code(0, 1000));
    assertThat(renew("--force").code()).isEqualTo(3);
    assertThat(server.getRequestCount()).as("once in each shape").isEqualTo(2);
  }

  @Test
  void dryRunPrintsTheMaskedRequestAndSendsNothing() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));

    CliRunner.Result result = renew("--dry-run");

    assertThat(result.code()).isZero();
    assertThat(server.getRequestCount()).isZero();
    assertThat(result.out())
        .contains("POST " + endpoint + "?format=json&inCharset=utf8&outCharset=utf8")
        .contains("QQConnectLogin.LoginServer")
        .contains("Q_H_L_6***1")
        .contains("uin=" + QqLogin.UIN)
        .contains("nothing was sent");
    assertNoSecretIn(
        result,
        QqLogin.KEY,
        QqLogin.REFRESH_TOKEN,
        QqLogin.ACCESS_TOKEN,
        QqLogin.OPENID,
        QqLogin.UNIONID);
  }

  @Test
  void theEndpointComesFromTheEnvironmentWhenNotGiven() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW));
    cli.env.put("QMCOOKIE_ENDPOINT", server.url("/from-env").toString());

    assertThat(cli.run("renew").code()).isZero();
    assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath())
        .isEqualTo("/from-env");
  }

  @Test
  void allRenewsEveryDueAccountAndExitsWithTheWorstCode() throws Exception {
    String otherUin = "222333444";
    cli.importCookie("alice", QqLogin.header(Duration.ofHours(21)));
    cli.importCookie(
        "bob",
        QqLogin.header(otherUin, "Q_H_L_63k3NbobKEYbobKEYbob01", NOW.minus(Duration.ofHours(22))));
    cli.importCookie("carol", QqLogin.header(Duration.ofHours(1)));
    byte[] bobBefore = cli.storedBytes("bob");
    // Accounts are renewed side by side, so the fake server answers by the account asking.
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String cookie = String.valueOf(request.getHeaders().get("Cookie"));
            return cookie.contains("uin=" + otherUin + ";")
                ? RenewalAnswers.code(0, 104401)
                : RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW);
          }
        });

    CliRunner.Result result = renew("--all");

    assertThat(result.code()).as(result.toString()).isEqualTo(3);
    assertThat(server.getRequestCount()).as("alice once, bob in both shapes").isEqualTo(3);
    assertThat(stored("alice").login().musicKey()).isEqualTo(NEW_KEY);
    assertThat(cli.storedBytes("bob")).isEqualTo(bobBefore);
    assertThat(result.err()).contains("bob: ");
    assertThat(result.out()).contains("alice: renewed").contains("carol: not due");
  }

  @Test
  void concurrentRenewersSendOneRequestAndTheSecondSeesTheNewCookie() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    server.enqueue(
        new MockResponse.Builder(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW))
            .headersDelay(700, TimeUnit.MILLISECONDS)
            .build());
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, "Q_H_L_63k3NsecondKEYsecond09", NOW));

    List<CliRunner.Result> results = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Thread t =
          new Thread(
              () -> {
                CliRunner.Result r = renew();
                synchronized (results) {
                  results.add(r);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(30_000);
    }

    assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.code()).as(r.toString()).isZero());
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(results).anySatisfy(r -> assertThat(r.out()).contains("renewed"));
    assertThat(results).anySatisfy(r -> assertThat(r.out()).contains("not due"));
    assertThat(stored("default").login().musicKey()).isEqualTo(NEW_KEY);
  }

  @Test
  void aWechatLoginIsRenewedIntoItsWxCookies() throws Exception {
    cli.importCookie("wx", QqLogin.wechatHeader(Duration.ofHours(21)));
    String newKey = "W_X_63B0aWxnewWECHATkey02";
    server.enqueue(
        RenewalAnswers.json(
            "{\"code\":0,\"req1\":{\"code\":0,\"data\":{\"musicid\":987654321,\"musickey\":\""
                + newKey
                + "\",\"musickeyCreateTime\":"
                + NOW.getEpochSecond()
                + ",\"refresh_token\":\"WXREFRESHnew02\","
                + "\"access_token\":\"WXACCESSnew02\",\"openid\":\"\",\"unionid\":\"\",\"loginType\":1,"
                + "\"keyExpiresIn\":259200}}}"));

    CliRunner.Result result = renew("--account", "wx");

    assertThat(result.code()).as(result.toString()).isZero();
    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.at("/comm/tmeLoginType").asInt()).isEqualTo(1);
    assertThat(body.at("/req1/module").asText()).isEqualTo("music.login.LoginServer");
    assertThat(body.at("/req1/method").asText()).isEqualTo("Login");
    JsonNode p = body.at("/req1/param");
    assertThat(p.get("strAppid").asText()).isEqualTo("wx48db31d50e334801");
    assertThat(p.get("musicid").isIntegralNumber()).isTrue();
    assertThat(p.get("musicid").asLong()).isEqualTo(987654321L);
    assertThat(p.get("musickey").asText()).isEqualTo("W_X_63B0aWxoldWECHATkey01");
    assertThat(p.get("openid").asText()).isEqualTo("WXOPENID0000000001");
    assertThat(p.get("refresh_token").asText()).isEqualTo("WXREFRESH00000001");
    assertThat(p.get("access_token").asText()).isEqualTo("WXACCESS000000001");
    assertThat(p.get("loginMode").asInt()).isEqualTo(2);
    CookieSet after = stored("wx").cookies();
    assertThat(after.valueOrEmpty("qqmusic_key")).isEqualTo(newKey);
    assertThat(after.valueOrEmpty("qm_keyst")).isEqualTo(newKey);
    assertThat(after.valueOrEmpty("wxrefresh_token")).isEqualTo("WXREFRESHnew02");
    assertThat(after.valueOrEmpty("wxaccess_token")).isEqualTo("WXACCESSnew02");
    assertThat(after.valueOrEmpty("wxopenid")).isEqualTo("WXOPENID0000000001");
    assertThat(after.valueOrEmpty("tmeLoginType")).isEqualTo("1");
    assertThat(after.hasValue("psrf_qqrefresh_token")).isFalse();
  }

  @Test
  void aBadTimeoutIsAUsageError() throws Exception {
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    assertThat(renew("--timeout", "0s").code()).isEqualTo(2);
    assertThat(renew("--timeout", "soon").code()).isEqualTo(2);
    assertThat(server.getRequestCount()).isZero();
  }

  static void assertNoSecretIn(CliRunner.Result result, String... secrets) {
    for (String secret : secrets) {
      assertThat(result.out()).doesNotContain(secret);
      assertThat(result.err()).doesNotContain(secret);
    }
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  static List<String> names(CookieSet cookies) {
    return cookies.asList().stream().map(c -> c.name() + "@" + c.domain()).toList();
  }
}
