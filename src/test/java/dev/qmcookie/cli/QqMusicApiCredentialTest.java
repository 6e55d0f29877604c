package dev.qmcookie.cli;

import static dev.qmcookie.cli.QqLogin.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.schedule.ExportTarget;
import dev.qmcookie.testkit.RenewalAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --format qqmusicapi} and {@code import} of the reference Python library's
 * credential, as a user runs them: the login a Python program saved is stored, renews against a
 * fake endpoint, and comes back out as the same JSON.
 */
class QqMusicApiCredentialTest {
  static final String REFRESH_KEY = "REFRESHKEY000000000000001";
  static final long KEY_CREATED = NOW.minus(Duration.ofHours(21)).getEpochSecond();

  @TempDir Path tmp;

  CliRunner cli() {
    return new CliRunner(tmp.resolve("home"));
  }

  /** The credential a Python program built on the library saved for {@link QqLogin}'s account. */
  static ObjectNode credential() {
    ObjectNode c = JsonTrees.object();
    c.put("openid", QqLogin.OPENID);
    c.put("refresh_token", QqLogin.REFRESH_TOKEN);
    c.put("access_token", QqLogin.ACCESS_TOKEN);
    c.put("expired_at", KEY_CREATED + Duration.ofDays(7).toSeconds());
    c.put("musicid", Long.parseLong(QqLogin.UIN));
    c.put("musickey", QqLogin.KEY);
    c.put("unionid", QqLogin.UNIONID);
    c.put("str_musicid", QqLogin.UIN);
    c.put("refresh_key", REFRESH_KEY);
    c.put("musickeyCreateTime", KEY_CREATED);
    c.put("keyExpiresIn", 259_200);
    c.put("first_login", 0);
    c.put("bindAccountType", 0);
    c.put("needRefreshKeyIn", 0);
    c.put("encryptUin", QqLogin.EUIN);
    c.put("loginType", 2);
    return c;
  }

  static void assertNoSecretIn(CliRunner.Result result) {
    RenewCommandTest.assertNoSecretIn(
        result,
        QqLogin.KEY,
        QqLogin.REFRESH_TOKEN,
        QqLogin.ACCESS_TOKEN,
        QqLogin.OPENID,
        QqLogin.UNIONID,
        REFRESH_KEY);
  }

  CookieRecord stored(CliRunner cli) throws IOException {
    return CookieFormats.readStoreDocument(new String(cli.storedBytes("default")));
  }

  @Test
  void anImportedCredentialIsStoredAsARenewableLoginAndRenews() throws Exception {
    CliRunner cli = cli();

    CliRunner.Result imported = cli.runWithInput(JsonTrees.compact(credential()), "import");

    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.out())
        .contains("(qqmusicapi)")
        .contains("uin " + QqLogin.UIN)
        .contains("QQ login");
    assertThat(ImportCommandTest.perms(cli.accountDir("default").resolve("cookie.json")))
        .isEqualTo("rw-------");
    assertNoSecretIn(imported);
    CookieRecord record = stored(cli);
    assertThat(record.metadata().refreshKey()).isEqualTo(REFRESH_KEY);
    assertThat(record.metadata().keyExpiresIn()).isEqualTo(259_200L);
    assertThat(record.metadata().source()).isEqualTo("import:qqmusicapi");

    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      String newKey = "Q_H_L_63k3NnewKEYfromPYTHON02";
      server.enqueue(RenewalAnswers.success(QqLogin.UIN, newKey, NOW.minusSeconds(5)));

      CliRunner.Result renewed =
          cli.run("renew", "--endpoint", server.url("/cgi-bin/musicu.fcg").toString());

      assertThat(renewed.code()).as(renewed.toString()).isZero();
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      JsonNode param = JsonTrees.read(request.getBody().utf8()).path("req1").path("param");
      assertThat(param.get("musicid").asLong()).isEqualTo(Long.parseLong(QqLogin.UIN));
      assertThat(param.get("musickey").textValue()).isEqualTo(QqLogin.KEY);
      assertThat(param.get("refresh_token").textValue()).isEqualTo(QqLogin.REFRESH_TOKEN);
      assertThat(param.get("musickeyCreateTime").asLong()).isEqualTo(KEY_CREATED);
      assertThat(request.getHeaders().get("Cookie")).contains("qqmusic_key=" + QqLogin.KEY);
      assertThat(stored(cli).login().musicKey()).isEqualTo(newKey);
    }
  }

  @Test
  void importThenExportGivesBackTheSameCredential() throws Exception {
    CliRunner cli = cli();
    cli.importCookie("default", JsonTrees.compact(credential()));
    Path file = tmp.resolve("py/credential.json");
    Files.createDirectories(file.getParent());

    CliRunner.Result result = cli.run("export", "--format", "qqmusicapi", "--out", file.toString());

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(ImportCommandTest.perms(file)).isEqualTo("rw-------");
    assertThat(JsonTrees.read(Files.readString(file)))
        .isEqualTo(JsonTrees.read(JsonTrees.compact(credential())));
    assertNoSecretIn(result);
  }

  @Test
  void aBrowserCookieExportsAsACredentialThatImportsAsTheSameLogin() throws Exception {
    CliRunner cli = cli();
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    String exported = cli.run("export", "--format", "qqmusicapi").out();

    CliRunner.Result imported = cli.runWithInput(exported, "import", "--account", "python");

    assertThat(imported.code()).as(imported.toString()).isZero();
    CookieRecord original = stored(cli);
    CookieRecord copy = CookieFormats.readStoreDocument(new String(cli.storedBytes("python")));
    for (String name :
        new String[] {
          "uin",
          "qqmusic_key",
          "qm_keyst",
          "psrf_musickey_createtime",
          "psrf_qqopenid",
          "psrf_qqrefresh_token",
          "psrf_qqaccess_token",
          "psrf_qqunionid",
          "psrf_access_token_expiresAt",
          "euin",
          "tmeLoginType",
          "login_type"
        }) {
      assertThat(copy.cookies().valueOrEmpty(name))
          .as(name)
          .isEqualTo(original.cookies().valueOrEmpty(name));
    }
    assertThat(cli.run("export", "--account", "python", "--format", "qqmusicapi").out())
        .isEqualTo(exported);
  }

  @Test
  void aCredentialWithoutAFieldRenewalNeedsIsExit5NamingItAndNothingIsStored() {
    CliRunner cli = cli();
    ObjectNode partial = credential();
    partial.remove("refresh_token");

    CliRunner.Result result = cli.runWithInput(JsonTrees.compact(partial), "import");

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("qqmusicapi credential").contains("missing refresh_token");
    assertThat(result.err().strip()).doesNotContain("\n");
    assertThat(cli.home).doesNotExist();
    assertNoSecretIn(result);
  }

  @Test
  void aCredentialWhoseKeyWasIssuedInTheFutureIsRefused() {
    CliRunner cli = cli();
    ObjectNode future =
        credential().put("musickeyCreateTime", NOW.plus(Duration.ofDays(1)).getEpochSecond());

    CliRunner.Result result = cli.runWithInput(JsonTrees.compact(future), "import");

    assertThat(result.code()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains("psrf_musickey_createtime").contains("in the future");
    assertThat(cli.home).doesNotExist();
    assertNoSecretIn(result);
  }

  @Test
  void exportHelpListsTheFormat() {
    CliRunner.Result help = cli().run("export", "--help");

    assertThat(help.out()).contains("qqmusicapi");
    assertThat(help.out()).contains("cookie-editor|qqmusicapi");
  }

  @Test
  void daemonExportTargetsTakeTheFormatId() {
    assertThat(ExportTarget.parse("qqmusicapi:/srv/py/{account}.json").format())
        .isEqualTo(CookieFormat.QQMUSICAPI);
    assertThatThrownBy(() -> ExportTarget.parse("python:/srv/py/a.json"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("qqmusicapi");
  }
}
