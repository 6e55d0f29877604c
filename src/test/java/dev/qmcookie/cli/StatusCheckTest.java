package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.testkit.ProfilePageFake;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status --check} against a local fake of the profile page. */
class StatusCheckTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  MockWebServer server = new MockWebServer();
  ProfilePageFake page = new ProfilePageFake(QqLogin.KEY);
  CliRunner cli;
  String endpoint;

  @BeforeEach
  void setUp() throws Exception {
    server.setDispatcher(page);
    server.start(InetAddress.getLoopbackAddress(), 0);
    endpoint = server.url("/rsc/fcgi-bin/fcg_get_profile_homepage.fcg").toString();
    cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(2)), "--no-check");
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  CliRunner.Result status(String... more) {
    String[] args = new String[more.length + 3];
    args[0] = "status";
    args[1] = "--check-endpoint";
    args[2] = endpoint;
    System.arraycopy(more, 0, args, 3, more.length);
    return cli.run(args);
  }

  @Test
  void anAcceptedCookieIsShownAndKeptForTheNextStatus() throws Exception {
    CliRunner.Result checked = status("--check");

    assertThat(checked.code()).as(checked.toString()).isZero();
    assertThat(checked.out()).contains("server: accepted").contains("state         fresh");
    assertThat(server.getRequestCount()).isEqualTo(1);

    CliRunner.Result later = cli.run("status");
    assertThat(later.out()).contains("server: accepted");
    assertThat(server.getRequestCount()).as("status alone asks nothing").isEqualTo(1);
    JsonNode json = JSON.readTree(cli.run("status", "--json").out()).get("serverCheck");
    assertThat(json.get("result").asText()).isEqualTo("accepted");
    assertThat(json.get("at").asText()).isEqualTo(QqLogin.NOW.toString());
    assertThat(json.get("code").asInt()).isZero();
    assertThat(json.has("reason")).isFalse();
  }

  @Test
  void aRefusalMakesTheValidKeyNeedLoginAndLeavesTheCookieAsItWas() throws Exception {
    byte[] before = cli.storedBytes("default");
    page.logOut(QqLogin.KEY);

    CliRunner.Result checked = status("--check");

    assertThat(checked.out())
        .contains("server: refused (code " + ProfilePageFake.REFUSED + ")")
        .contains("needs-login");
    assertThat(checked.code())
        .as("status exits 3 for needs-login, as it always has")
        .isEqualTo(ExitCodes.LOGIN_INVALID);
    assertThat(cli.storedBytes("default")).isEqualTo(before);
    assertThat(checked.out() + checked.err()).doesNotContain(QqLogin.KEY);
    JsonNode json = JSON.readTree(cli.run("status", "--json").out());
    assertThat(json.get("state").asText()).isEqualTo("needs-login");
    assertThat(json.get("serverCheck").get("result").asText()).isEqualTo("refused");
    assertThat(json.get("serverCheck").get("code").asInt()).isEqualTo(ProfilePageFake.REFUSED);
  }

  @Test
  void aNewerImportClearsTheRefusal() {
    page.logOut(QqLogin.KEY);
    status("--check");
    cli.clock.advance(Duration.ofMinutes(1));

    cli.importCookie("default", QqLogin.header(Duration.ofMinutes(1)), "--no-check");

    assertThat(cli.run("status").out()).contains("state         fresh");
  }

  @Test
  void aWebPageIsUnknownAndChangesNeitherStateNorExitCode() throws Exception {
    server.setDispatcher(new mockwebserver3.QueueDispatcher());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .setHeader("Content-Type", "text/html")
            .body("<html><title>安全验证</title></html>")
            .build());

    CliRunner.Result checked = status("--check");

    assertThat(checked.code()).as(checked.toString()).isZero();
    assertThat(checked.out()).contains("server: unknown (the server answered with a web page");
    assertThat(checked.out()).contains("state         fresh");
    JsonNode json = JSON.readTree(cli.run("status", "--json").out()).get("serverCheck");
    assertThat(json.get("result").asText()).isEqualTo("unknown");
    assertThat(json.get("reason").asText()).contains("web page");
  }

  @Test
  void allAndJsonCheckEveryAccount() throws Exception {
    cli.importCookie(
        "second",
        QqLogin.header("222333444", "Q_H_L_63k3NsecondKEY000001", QqLogin.NOW),
        "--no-check");

    CliRunner.Result checked = status("--check", "--all", "--json");

    JsonNode array = JSON.readTree(checked.out());
    assertThat(array).hasSize(2);
    assertThat(array.get(0).get("serverCheck").get("result").asText()).isEqualTo("accepted");
    assertThat(array.get(1).get("serverCheck").get("result").asText()).isEqualTo("refused");
    assertThat(server.getRequestCount()).isEqualTo(2);

    CliRunner.Result table = cli.run("status", "--all");
    assertThat(table.out())
        .contains("default: server: accepted")
        .contains("second: server: refused");
  }

  @Test
  void theEndpointComesFromTheFlagElseTheEnvironmentElseTheConfig() throws Exception {
    cli.env.put(CheckEndpointOption.ENV, endpoint);
    assertThat(cli.run("status", "--check").out()).contains("server: accepted");

    cli.env.remove(CheckEndpointOption.ENV);
    Files.writeString(home.resolve("config.json"), "{\"check-endpoint\": \"" + endpoint + "\"}");
    assertThat(cli.run("status", "--check").out()).contains("server: accepted");
    assertThat(server.getRequestCount()).isEqualTo(2);

    CliRunner.Result flag =
        cli.run("status", "--check", "--check-endpoint", CliRunner.CLOSED_CHECK_ENDPOINT);
    assertThat(flag.out()).contains("server: unknown (cannot connect to 127.0.0.1:9)");
    assertThat(flag.code()).isZero();
  }

  @Test
  void aRefusedCheckStopsRenewUntilForced() throws Exception {
    page.logOut(QqLogin.KEY);
    status("--check");
    byte[] before = cli.storedBytes("default");

    CliRunner.Result renew = cli.run("renew", "--endpoint", endpoint);

    assertThat(renew.code()).as(renew.toString()).isEqualTo(ExitCodes.LOGIN_INVALID);
    assertThat(renew.err())
        .contains("refused this login at the live check")
        .contains("code " + ProfilePageFake.REFUSED)
        .contains("--force");
    assertThat(server.getRequestCount()).as("no renewal was sent").isEqualTo(1);
    assertThat(cli.storedBytes("default")).isEqualTo(before);

    CliRunner.Result forced = cli.run("renew", "--force", "--endpoint", endpoint);
    assertThat(server.getRequestCount()).as("--force sends it: " + forced).isGreaterThan(1);
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsUnknownAfterOneRequest() throws Exception {
    server.setDispatcher(new mockwebserver3.QueueDispatcher());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"code\":0}")
            .headersDelay(20, java.util.concurrent.TimeUnit.SECONDS)
            .build());

    CliRunner.Result checked = status("--check", "--check-timeout", "500ms");

    assertThat(checked.code()).as(checked.toString()).isZero();
    assertThat(checked.out())
        .contains("server: unknown (the request to " + server.url("/").host() + " timed out)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
