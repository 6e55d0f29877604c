package dev.qmcookie.cli;

import static dev.qmcookie.cli.QqLogin.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  @Test
  void jsonHasTheDocumentedKeysAndMasksTheKey() throws Exception {
    CliRunner cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(2)));

    CliRunner.Result result = cli.run("status", "--json");

    assertThat(result.code()).isZero();
    JsonNode s = JSON.readTree(result.out());
    assertThat(RenewCommandTest.fieldNames(s))
        .containsExactly(
            "account",
            "state",
            "uin",
            "loginKind",
            "musicKey",
            "keyCreatedAt",
            "keyAgeSeconds",
            "expiresAt",
            "expiresInSeconds",
            "expiryKnown",
            "renewalDueAt",
            "renewalDueInSeconds",
            "importedAt",
            "renewedAt",
            "shape",
            "shapeSince",
            "userAgentKnown",
            "cookieCount",
            "lastRenewal",
            "serverCheck");
    assertThat(s.get("account").asText()).isEqualTo("default");
    assertThat(s.get("state").asText()).isEqualTo("fresh");
    assertThat(s.get("uin").asText()).isEqualTo(QqLogin.UIN);
    assertThat(s.get("loginKind").asText()).isEqualTo("qq");
    assertThat(s.get("shape").isNull()).as("no shape has worked yet").isTrue();
    assertThat(s.get("shapeSince").isNull()).isTrue();
    assertThat(s.get("musicKey").asText()).isEqualTo("Q_H_L_6***1");
    assertThat(s.get("keyCreatedAt").asText()).isEqualTo(NOW.minus(Duration.ofHours(2)).toString());
    assertThat(s.get("keyAgeSeconds").asLong()).isEqualTo(7200);
    // Without keyExpiresIn the key is assumed to live 24h; renewal is due at 20h.
    assertThat(s.get("expiryKnown").asBoolean()).isFalse();
    assertThat(s.get("expiresAt").asText()).isEqualTo(NOW.plus(Duration.ofHours(22)).toString());
    assertThat(s.get("expiresInSeconds").asLong()).isEqualTo(22 * 3600);
    assertThat(s.get("renewalDueAt").asText()).isEqualTo(NOW.plus(Duration.ofHours(18)).toString());
    assertThat(s.get("renewalDueInSeconds").asLong()).isEqualTo(18 * 3600);
    assertThat(s.get("importedAt").asText()).isEqualTo(NOW.toString());
    assertThat(s.get("renewedAt").isNull()).isTrue();
    assertThat(s.get("userAgentKnown").asBoolean()).isFalse();
    assertThat(s.get("cookieCount").asInt()).isEqualTo(22);
    assertThat(s.get("lastRenewal").isNull()).isTrue();
    // The import's own check found no server (CliRunner points it at a closed port).
    assertThat(s.get("serverCheck").get("result").asText()).isEqualTo("unknown");
    assertThat(result.out()).doesNotContain(QqLogin.KEY);
  }

  @ParameterizedTest(name = "key {0}h old is {1}")
  @CsvSource({
    "1, fresh, 0",
    "19, fresh, 0",
    "20, due, 0",
    "23, due, 0",
    "24, expired, 3",
    "40, expired, 3"
  })
  void theStateFollowsTheKeyAge(int hours, String state, int exitCode) throws Exception {
    CliRunner cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    cli.clock.advance(Duration.ofHours(hours - 1));

    CliRunner.Result result = cli.run("status", "--json");

    assertThat(result.code()).isEqualTo(exitCode);
    assertThat(JSON.readTree(result.out()).get("state").asText()).isEqualTo(state);
    CliRunner.Result human = cli.run("status");
    assertThat(human.out()).contains(state);
  }

  @Test
  void allShowsEveryAccountAndReportsADamagedOneWithoutHidingTheOthers() throws Exception {
    CliRunner cli = new CliRunner(home);
    cli.importCookie("alice", QqLogin.header(Duration.ofHours(1)));
    cli.importCookie("bob", QqLogin.header(Duration.ofHours(21)));
    Files.createDirectories(home.resolve("broken"));
    Files.writeString(home.resolve("broken/cookie.json"), "{\"format\":\"qmcookie\",\"cook");

    CliRunner.Result table = cli.run("status", "--all");
    CliRunner.Result json = cli.run("status", "--all", "--json");

    assertThat(table.code()).isEqualTo(5);
    assertThat(table.out()).contains("alice").contains("fresh").contains("bob").contains("due");
    assertThat(table.err()).contains("broken: ");
    JsonNode array = JSON.readTree(json.out());
    assertThat(array).hasSize(2);
    assertThat(array.get(0).get("account").asText()).isEqualTo("alice");
    assertThat(array.get(1).get("state").asText()).isEqualTo("due");
  }

  @Test
  void anEmptyHomeSaysHowToStart() {
    CliRunner cli = new CliRunner(home.resolve("empty"));

    CliRunner.Result all = cli.run("status", "--all");
    CliRunner.Result one = cli.run("status");

    assertThat(all.code()).isZero();
    assertThat(all.out()).contains("no accounts").contains("import");
    assertThat(one.code()).isEqualTo(5);
    assertThat(one.err()).contains("import");
  }

  @Test
  void aKnownKeyLifetimeMovesExpiryAndDueTime() throws Exception {
    CliRunner cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(30)));
    com.fasterxml.jackson.databind.node.ObjectNode doc =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            JSON.readTree(cli.run("export", "--format", "json").out());
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("metadata"))
        .put("keyExpiresIn", 259200);
    cli.importCookie("long", doc.toString());

    JsonNode s = JSON.readTree(cli.run("status", "--json", "--account", "long").out());

    // 72h lifetime: the 20h age rule comes before "4h before expiry".
    assertThat(s.get("expiryKnown").asBoolean()).isTrue();
    assertThat(s.get("state").asText()).isEqualTo("due");
    assertThat(s.get("expiresAt").asText()).isEqualTo(NOW.plus(Duration.ofHours(42)).toString());
    assertThat(s.get("renewalDueAt").asText())
        .isEqualTo(NOW.minus(Duration.ofHours(10)).toString());
  }

  @Test
  void aKeyIssuedInTheFutureIsReportedAsDamagedNotFreshAndIsNotTreatedAsFreshByRenew() {
    CliRunner cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    // As if the cookie had been stored by a computer whose clock ran a day ahead.
    cli.clock.advance(Duration.ofDays(-1));

    CliRunner.Result status = cli.run("status");
    CliRunner.Result json = cli.run("status", "--json");
    CliRunner.Result renew = cli.run("renew");

    for (CliRunner.Result r : java.util.List.of(status, json, renew)) {
      assertThat(r.code()).as(r.toString()).isEqualTo(5);
      assertThat(r.err())
          .contains("damaged")
          .contains(NOW.minus(Duration.ofHours(1)).toString())
          .contains("in the future")
          .contains("import --replace");
      assertThat(r.out()).doesNotContain("fresh").doesNotContain("not due");
    }
  }

  @Test
  void aStoredAttemptMessageWithTerminalEscapesIsShownCleaned() throws Exception {
    CliRunner cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(2)));
    // As an older qmcookie stored a server page's title.
    new dev.qmcookie.vault.Vault(home, Duration.ofSeconds(5))
        .account("default")
        .recordAttempt(
            new dev.qmcookie.cookie.RenewalAttempt(
                NOW,
                "transient",
                0,
                10,
                1,
                "http",
                "web page: \"\u001B]0;owned\u0007\u001B[2Jblocked\""));

    CliRunner.Result result = cli.run("status");

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out()).contains("blocked").doesNotContain("\u001B").doesNotContain("\u0007");
  }
}
