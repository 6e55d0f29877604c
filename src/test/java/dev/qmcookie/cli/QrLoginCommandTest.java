package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.browser.QrCodes;
import dev.qmcookie.selftest.SimulatedQrLogin;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.testkit.RenewalAnswers;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login --qr} end to end: the QR flows against {@link SimulatedQrLogin}, the renewal and the
 * live check against a MockWebServer, all reached through {@code --route} from their real URLs.
 */
class QrLoginCommandTest {
  static final Instant START = Instant.ofEpochSecond(SimulatedQrLogin.KEY_CREATE_TIME + 60);
  static final String RENEWED_KEY = "Q_H_L_63k3NrenewedAfterQRlogin01";

  @TempDir Path home;
  final SimulatedQrLogin site = startSite();
  final MockWebServer renewal = new MockWebServer();
  CliRunner cli;
  String route;

  private static SimulatedQrLogin startSite() {
    try {
      return new SimulatedQrLogin();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeEach
  void start() throws Exception {
    renewal.start(InetAddress.getByName("127.0.0.1"), 0);
    String local = "http://127.0.0.1:";
    // First match wins: the renewal and the live check to the MockWebServer, the rest of QQ (the QR
    // flows and the code exchange on u.y.qq.com) to the simulated site.
    route =
        "u6.y.qq.com="
            + local
            + renewal.getPort()
            + ",c6.y.qq.com="
            + local
            + renewal.getPort()
            + ",*.qq.com="
            + local
            + site.port();
    cli = new CliRunner(home);
    cli.clock.set(START);
    cli.env.remove(CheckEndpointOption.ENV);
    // No browser anywhere, and chosen ones that do not exist: any lookup would fail the login.
    cli.env.put("PATH", home.resolve("no-programs").toString());
    cli.env.put("QMCOOKIE_BROWSER", home.resolve("no-chromium").toString());
    cli.env.put("QMCOOKIE_DRIVER", home.resolve("no-chromedriver").toString());
  }

  @AfterEach
  void stop() {
    renewal.close();
    site.close();
  }

  private CliRunner.Result login(String... extra) {
    String[] args = new String[extra.length + 4];
    args[0] = "login";
    args[1] = "--qr";
    args[2] = "--route";
    args[3] = route;
    System.arraycopy(extra, 0, args, 4, extra.length);
    return cli.run(args);
  }

  @Test
  void withAStoreTheLoginLandsInItAndAnotherHostExportsIt(@TempDir Path otherHome)
      throws Exception {
    site.qqStates("66", "67", "0");
    renewal.enqueue(RenewalAnswers.json("{\"code\":0,\"data\":{\"creator\":{}}}"));
    try (RedisServer redis = RedisServer.started()) {
      cli.env.put(StoreOptions.ENV, redis.url());

      CliRunner.Result login = login("--store-plaintext");

      assertThat(login.code()).as(login.toString()).isZero();
      assertThat(cli.accountDir("default").resolve("cookie.json"))
          .as("the cookie is in the store")
          .doesNotExist();
      CliRunner other = new CliRunner(otherHome);
      other.clock.set(START);
      CliRunner.Result exported = other.run("export", "--store", redis.url(), "--store-plaintext");
      assertThat(exported.code()).as(exported.toString()).isZero();
      assertThat(exported.out()).contains("qqmusic_key=" + SimulatedQrLogin.QQ_KEY);
    }
  }

  @Test
  void aQqLoginIsStoredCheckedShownFreshRenewedAndExported() throws Exception {
    site.qqStates("66", "67", "0");
    renewal.enqueue(RenewalAnswers.json("{\"code\":0,\"data\":{\"creator\":{}}}"));

    CliRunner.Result login = login();

    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(login.out())
        .contains("uin " + SimulatedQrLogin.UIN)
        .contains("server: accepted")
        .doesNotContain(SimulatedQrLogin.QQ_KEY);
    assertThat(login.err())
        .contains("Scan this QR code with the QQ app")
        .doesNotContain(SimulatedQrLogin.QQ_KEY)
        .doesNotContain(SimulatedQrLogin.REFRESH_KEY);
    assertThat(renewal.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Host"))
        .isEqualTo("c6.y.qq.com");
    assertThat(site.userAgents()).hasSize(1);
    String ua = site.userAgents().iterator().next();
    JsonNode meta = new ObjectMapper().readTree(cli.storedBytes("default")).path("metadata");
    assertThat(meta.path("source").asText()).isEqualTo("login:qr");
    assertThat(meta.path("userAgent").asText()).isEqualTo(ua);
    assertThat(meta.path("refreshKey").asText()).isEqualTo(SimulatedQrLogin.REFRESH_KEY);
    assertThat(meta.path("keyExpiresIn").asLong()).isEqualTo(SimulatedQrLogin.KEY_EXPIRES_IN);

    assertThat(cli.run("status").out()).contains("fresh");

    renewal.enqueue(RenewalAnswers.success(SimulatedQrLogin.UIN, RENEWED_KEY, START));
    CliRunner.Result renew = cli.run("renew", "--force", "--route", route);
    assertThat(renew.code()).as(renew.toString()).isZero();
    RecordedRequest renewed = renewal.takeRequest(5, TimeUnit.SECONDS);
    assertThat(renewed.getHeaders().get("Host")).isEqualTo("u6.y.qq.com");
    assertThat(renewed.getHeaders().get("User-Agent")).isEqualTo(ua);
    assertThat(renewed.getHeaders().get("Cookie"))
        .contains("qqmusic_key=" + SimulatedQrLogin.QQ_KEY);
    assertThat(cli.history("default")).hasSize(1);

    String header = cli.run("export", "--format", "header").out();
    assertThat(header).contains("uin=").contains("qqmusic_key=" + RENEWED_KEY);
  }

  @Test
  void aWeChatLoginDrawsTheJpegCodeAndStoresTheWxCookies() throws Exception {
    site.weChatStates("408", "404", "405");

    CliRunner.Result login = login("--wechat", "--no-check");

    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(login.err())
        .contains("Scan this QR code with the WeChat app")
        .contains("█")
        .doesNotContain("could not be read");
    assertThat(cli.run("status").out()).contains("fresh");

    String renewedKey = "W_X_63k3NrenewedAfterQRlogin01";
    renewal.enqueue(RenewalAnswers.success(SimulatedQrLogin.UIN, renewedKey, START));
    CliRunner.Result renew = cli.run("renew", "--force", "--route", route);
    assertThat(renew.code()).as(renew.toString()).isZero();
    RecordedRequest renewed = renewal.takeRequest(5, TimeUnit.SECONDS);
    assertThat(renewed.getHeaders().get("Host")).isEqualTo("u6.y.qq.com");
    assertThat(renewed.getHeaders().get("User-Agent"))
        .isEqualTo(site.userAgents().iterator().next());

    String header = cli.run("export", "--format", "header").out();
    assertThat(header).contains("uin=").contains("qqmusic_key=" + renewedKey).contains("wx");
  }

  @Test
  void eachStateHasItsLineAndAnExpiredCodeIsRedrawn() {
    site.qqStates("66", "66", "65", "66", "67", "0");

    CliRunner.Result login = login("--no-check");

    assertThat(login.code()).as(login.toString()).isZero();
    String err = login.err();
    assertThat(site.codesShown()).isEqualTo(2);
    assertThat(err.split("Scan this QR code", -1)).hasSize(3);
    assertThat(err.indexOf("waiting for the QR code to be scanned"))
        .isLessThan(err.indexOf("the QR code expired; a new one follows"));
    assertThat(err.lastIndexOf("waiting for the QR code to be scanned"))
        .isGreaterThan(err.indexOf("the QR code expired"));
    assertThat(err.indexOf("scanned: confirm the login on your phone"))
        .isGreaterThan(err.lastIndexOf("waiting for the QR code"));
  }

  @Test
  void aRefusalExitsThreeAndLeavesNoAccountFolderButTheAskedForPng() {
    site.qqStates("66", "67", "68");
    Path png = home.resolve("qr.png");

    CliRunner.Result login = login("--qr-png", png.toString());

    assertThat(login.code()).isEqualTo(3);
    assertThat(login.err()).contains("refused on the phone").contains("nothing was stored");
    assertThat(cli.accountDir("default")).doesNotExist();
    assertThat(png).as("the picture the user asked for is theirs to keep").exists();
  }

  @Test
  void aTimeoutExitsThreeAndLeavesTheStoredLoginByteForByte() throws Exception {
    site.qqStates("0");
    assertThat(login("--no-check").code()).isZero();
    byte[] before = cli.storedBytes("default");
    site.qqStates("66");
    cli.sleepsMoveTheClock = true;

    CliRunner.Result login = login("--timeout", "30s");

    assertThat(login.code()).as(login.toString()).isEqualTo(3);
    assertThat(login.err()).contains("within 30s").contains("nothing was stored");
    assertThat(cli.storedBytes("default")).isEqualTo(before);
  }

  @Test
  void theDefaultTimeoutIsThreeMinutes() {
    site.qqStates("66");
    cli.sleepsMoveTheClock = true;

    CliRunner.Result login = login();

    assertThat(login.code()).isEqualTo(3);
    assertThat(login.err()).contains("within 180s");
    assertThat(cli.accountDir("default")).doesNotExist();
  }

  @Test
  void aCodeUsedTwiceSaysSoAndExitsThree() {
    site.qqStates("0");
    assertThat(login("--no-check").code()).isZero();
    site.qqStates("0");

    // The simulated exchange takes each code once, as the real one: a second login reuses it.
    CliRunner.Result again = login("--no-check", "--account", "other");

    assertThat(again.code()).as(again.toString()).isEqualTo(3);
    assertThat(again.err()).contains("already used (code 1000)");
    assertThat(cli.accountDir("other")).doesNotExist();
  }

  @Test
  void theDeviceLimitSaysSoAndExitsThree() {
    site.qqStates("0").deviceLimit();

    CliRunner.Result login = login("--no-check");

    assertThat(login.code()).as(login.toString()).isEqualTo(3);
    assertThat(login.err()).contains("device limit (code 20279)");
    assertThat(cli.accountDir("default")).doesNotExist();
  }

  @Test
  void theQrPngIsOwnerOnlyAndHoldsTheCode() throws Exception {
    site.qqStates("0");
    Path png = home.resolve("codes").resolve("qr.png");

    CliRunner.Result login = login("--no-check", "--qr-png", png.toString());

    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(login.err()).contains("also saved as " + png);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(png)))
        .isEqualTo("rw-------");
    assertThat(QrCodes.decode(Files.readAllBytes(png))).contains("qq-selftest-1");
  }

  @Test
  void aWeChatJpegIsSavedAsADecodablePng() throws Exception {
    site.weChatStates("405");
    Path png = home.resolve("wx.png");

    assertThat(login("--wechat", "--no-check", "--qr-png", png.toString()).code()).isZero();

    byte[] saved = Files.readAllBytes(png);
    assertThat(saved).startsWith(0x89, 'P', 'N', 'G');
    assertThat(QrCodes.decode(saved)).isPresent();
  }

  @Test
  void anotherUinInTheAccountNeedsReplace() throws Exception {
    cli.clock.set(QqLogin.NOW);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)), "--no-check");
    cli.clock.set(START);
    byte[] before = cli.storedBytes("default");
    site.qqStates("0");

    CliRunner.Result login = login("--no-check");

    assertThat(login.code()).isEqualTo(5);
    assertThat(login.err()).contains("--replace");
    assertThat(cli.storedBytes("default")).isEqualTo(before);

    // A fresh site: the simulated exchange takes each code once, and the first one was used.
    try (SimulatedQrLogin second = new SimulatedQrLogin()) {
      second.qqStates("0");
      route = route.replace(":" + site.port(), ":" + second.port());
      CliRunner.Result replaced = login("--no-check", "--replace");
      assertThat(replaced.code()).as(replaced.toString()).isZero();
    }
    assertThat(cli.run("export", "--format", "header").out())
        .contains("uin=" + SimulatedQrLogin.UIN);
  }

  @Test
  void weChatWithoutQrIsBadInput() {
    CliRunner.Result login = cli.run("login", "--wechat");

    assertThat(login.code()).isEqualTo(5);
    assertThat(login.err()).contains("--wechat needs --qr");
  }
}
