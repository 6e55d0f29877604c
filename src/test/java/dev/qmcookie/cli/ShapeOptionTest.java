package dev.qmcookie.cli;

import static dev.qmcookie.cli.QqLogin.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.testkit.RenewalAnswers;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --shape} and its config key, the stored shape in {@code status}, the refresh key. */
class ShapeOptionTest {
  static final String NEW_KEY = "Q_H_L_63k3NnewKEYnewKEYnewKEY02";
  static final String REFRESH_KEY = "RKEYfromTHEserver00000000001";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  MockWebServer server = new MockWebServer();
  CliRunner cli;
  String endpoint;

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    endpoint = server.url("/cgi-bin/musicu.fcg").toString();
    cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
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

  static MockResponse successWithRefreshKey() {
    return RenewalAnswers.json(
        RenewalAnswers.successJson(QqLogin.UIN, NEW_KEY, NOW)
            .replace("\"refresh_key\":\"\"", "\"refresh_key\":\"" + REFRESH_KEY + "\""));
  }

  @Test
  void shapeBIsSentWhenAskedForAndShownByStatus() throws Exception {
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW));

    CliRunner.Result result = renew("--shape", "b");

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("default: renewed via http in 1 try")
        .contains("with shape b");
    assertThat(module()).isEqualTo("music.login.LoginServer");
    JsonNode status = JSON.readTree(cli.run("status", "--json").out());
    assertThat(status.get("shape").asText()).isEqualTo("b");
    assertThat(status.get("shapeSince").asText()).isEqualTo(NOW.toString());
    assertThat(status.at("/lastRenewal/shapes").toString()).isEqualTo("[\"b\"]");
    assertThat(cli.run("status").out()).containsPattern("(?m)^shape +b \\(works since ");
  }

  @Test
  void theConfigKeyChoosesTheShapeAndTheFlagWins() throws Exception {
    Files.writeString(home.resolve("config.json"), "{\"shape\": \"b\"}");
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW));

    assertThat(renew("--dry-run").out()).startsWith("shape b\n");
    assertThat(renew("--dry-run", "--shape", "a").out()).startsWith("shape a\n");
    assertThat(renew().code()).isZero();
    assertThat(module()).isEqualTo("music.login.LoginServer");
  }

  @Test
  void anUnknownShapeIsAUsageError() {
    CliRunner.Result result = renew("--shape", "c");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("auto, a or b");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theDaemonTakesTheShapeToo() {
    assertThat(cli.run("daemon", "--help").out()).contains("--shape=auto|a|b");
  }

  @Test
  void aRefreshKeyFromTheServerIsStoredButNeverShown() throws Exception {
    server.enqueue(successWithRefreshKey());

    assertThat(renew().code()).isZero();

    String stored = new String(cli.storedBytes("default"));
    assertThat(JSON.readTree(stored).at("/metadata/refreshKey").asText()).isEqualTo(REFRESH_KEY);
    assertThat(JSON.readTree(stored).at("/cookies").toString()).doesNotContain(REFRESH_KEY);
    List<CliRunner.Result> shown =
        List.of(
            cli.run("status"),
            cli.run("status", "--json"),
            cli.run("export", "--format", "header"),
            renew("--dry-run", "--force", "--shape", "b"));
    for (CliRunner.Result r : shown) {
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(REFRESH_KEY);
    }
    assertThat(shown.get(3).out())
        .as("shape B sends it, masked in the dry run")
        .contains("\"refresh_key\" : \"R***1\"");
  }

  @Test
  void anExpiredKeyWithARefreshKeyIsShownAsRenewableAndTried() throws Exception {
    server.enqueue(successWithRefreshKey());
    assertThat(renew().code()).isZero();
    // Three days later the new key (72h lifetime) has expired.
    cli.clock.set(NOW.plus(Duration.ofHours(73)));

    CliRunner.Result status = cli.run("status");

    assertThat(status.code()).as("not a case for a person yet").isZero();
    assertThat(status.out()).contains("expired (renewable)");
    assertThat(JSON.readTree(cli.run("status", "--json").out()).get("state").asText())
        .isEqualTo("expired-renewable");
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, "Q_H_L_63k3NthirdKEYthird03", NOW));
    assertThat(renew().code()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  String module() throws Exception {
    return JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8())
        .at("/req1/module")
        .asText();
  }
}
