package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RenewalAnswers;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code QMCOOKIE_ROUTE} and {@code --route}: the commands' real https URLs, sent to one local fake
 * with their path, query and Host. No endpoint flag or variable is set.
 */
class RouteTest {
  @TempDir Path home;
  final MockWebServer fake = new MockWebServer();
  CliRunner cli;
  String rule;

  @BeforeEach
  void start() throws Exception {
    fake.start(InetAddress.getByName("127.0.0.1"), 0);
    rule = "*.qq.com=http://127.0.0.1:" + fake.getPort();
    cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)), "--no-check");
    // The real profile page is the live check's default: only the route keeps it local.
    cli.env.remove(CheckEndpointOption.ENV);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aRenewalGoesToTheFakeWithItsRealPathQueryAndHostAndItsSetCookieIsMerged() throws Exception {
    HttpUrl real = dryRunUrl();
    fake.enqueue(
        RenewCommandTest.successSetting("routed_mark=fromTheFake; Domain=.qq.com; Path=/"));
    cli.env.put(RouteOption.ENV, rule);

    CliRunner.Result result = cli.run("renew");

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(real.host()).isEqualTo("u6.y.qq.com");
    RecordedRequest seen = fake.takeRequest(5, TimeUnit.SECONDS);
    assertThat(seen.getMethod()).isEqualTo("POST");
    assertThat(seen.getHeaders().get("Host")).isEqualTo(real.host());
    assertThat(seen.getTarget()).isEqualTo(real.encodedPath() + "?" + real.encodedQuery());
    assertThat(result.err())
        .isEqualTo(
            "qmcookie: warning: QMCOOKIE_ROUTE is set: requests to *.qq.com go to http://127.0.0.1:"
                + fake.getPort()
                + "\n");
    String header = cli.run("export", "--format", "header").out();
    assertThat(header)
        .contains("routed_mark=fromTheFake")
        .contains("qqmusic_key=" + RenewCommandTest.NEW_KEY);
  }

  @Test
  void theLiveCheckGoesToTheFakeWithItsRealPathAndHost() throws Exception {
    fake.enqueue(RenewalAnswers.json("{\"code\":0,\"data\":{\"creator\":{}}}"));

    CliRunner.Result result = cli.run("status", "--check", "--route", rule);

    assertThat(result.out()).as(result.toString()).contains("server: accepted");
    RecordedRequest seen = fake.takeRequest(5, TimeUnit.SECONDS);
    assertThat(seen.getHeaders().get("Host")).isEqualTo("c6.y.qq.com");
    assertThat(seen.getUrl().encodedPath()).isEqualTo("/rsc/fcgi-bin/fcg_get_profile_homepage.fcg");
    assertThat(seen.getUrl().queryParameter("userid")).isEqualTo(QqLogin.UIN);
    assertThat(result.err()).containsOnlyOnce("qmcookie: warning: --route is set:");
  }

  @Test
  void theImportsCheckIsRoutedToo() throws Exception {
    fake.enqueue(RenewalAnswers.json("{\"code\":0,\"data\":{\"creator\":{}}}"));
    CliRunner.Result result =
        cli.runWithInput(QqLogin.header(Duration.ofHours(1)), "import", "--route", rule, "-");

    assertThat(result.out()).as(result.toString()).contains("server: accepted");
    assertThat(result.err()).containsOnlyOnce("qmcookie: warning: --route is set:");
    assertThat(fake.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Host"))
        .isEqualTo("c6.y.qq.com");
  }

  @Test
  void theFlagWinsOverTheVariable() throws Exception {
    fake.enqueue(RenewalAnswers.success(QqLogin.UIN, RenewCommandTest.NEW_KEY, QqLogin.NOW));
    // Nothing listens on port 9.
    cli.env.put(RouteOption.ENV, "*.qq.com=http://127.0.0.1:9");

    CliRunner.Result result = cli.run("renew", "--route", rule);

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(fake.getRequestCount()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("qmcookie: warning: --route is set: requests to *.qq.com go to")
        .doesNotContain(":9");
  }

  @Test
  void aRouteFromTheConfigSaysSoInItsWarning() throws Exception {
    fake.enqueue(RenewalAnswers.json("{\"code\":0,\"data\":{\"creator\":{}}}"));
    Files.writeString(home.resolve("config.json"), "{\"route\": \"" + rule + "\"}");

    CliRunner.Result result = cli.runWithInput(QqLogin.header(Duration.ofHours(1)), "import", "-");

    assertThat(result.out()).as(result.toString()).contains("server: accepted");
    assertThat(result.err())
        .containsOnlyOnce("qmcookie: warning: config.json's route is set: requests to *.qq.com");
  }

  @Test
  void anEmptyFlagTurnsTheVariableOff() throws Exception {
    cli.env.put(RouteOption.ENV, rule);

    CliRunner.Result result =
        cli.run(
            "renew",
            "--route",
            "",
            "--endpoint",
            "http://127.0.0.1:9/cgi-bin/musicu.fcg",
            "--timeout",
            "500ms");

    assertThat(fake.getRequestCount()).isZero();
    assertThat(result.err()).doesNotContain("warning");
  }

  @Test
  void aBadRuleIsBadInputInOneLineAndTheCookieIsKept() throws Exception {
    byte[] before = cli.storedBytes("default");
    cli.env.put(RouteOption.ENV, "*.qq.com=127.0.0.1:" + fake.getPort());

    CliRunner.Result result = cli.run("renew");

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .startsWith("qmcookie: $QMCOOKIE_ROUTE: the target for *.qq.com")
        .contains("is not an http:// or https:// URL");
    assertThat(fake.getRequestCount()).isZero();
    assertThat(cli.storedBytes("default")).isEqualTo(before);
  }

  @Test
  void aRuleWithAPasswordIsBadInputThatDoesNotRepeatIt() {
    CliRunner.Result result =
        cli.run("status", "--check", "--route", "*.qq.com=http://bob:s3cret@127.0.0.1:1");

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.err()).contains("--route").doesNotContain("s3cret");
  }

  /** The URL renew would send to, as its dry run prints it without a route. */
  private HttpUrl dryRunUrl() {
    CliRunner.Result dry = cli.run("renew", "--dry-run");
    Matcher m = Pattern.compile("POST (\\S+)").matcher(dry.out());
    assertThat(m.find()).as(dry.toString()).isTrue();
    return HttpUrl.get(m.group(1));
  }
}
