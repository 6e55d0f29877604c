package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.SameSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExportCommandTest {
  @TempDir Path tmp;

  CliRunner cliWithCookie() {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie(
        "default", QqLogin.header(Duration.ofHours(1)), "--user-agent", QqLogin.USER_AGENT);
    return cli;
  }

  @Test
  void headerIsTheSingleLineMetingApiReads() {
    CliRunner cli = cliWithCookie();

    CliRunner.Result result = cli.run("export");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo(QqLogin.header(Duration.ofHours(1)) + "\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void outWritesAnOwnerOnlyFileWithoutANewline() throws Exception {
    CliRunner cli = cliWithCookie();
    Path target = tmp.resolve("meting/cookie/tencent");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(
        target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

    CliRunner.Result result = cli.run("export", "--format", "header", "--out", target.toString());

    assertThat(result.code()).isZero();
    assertThat(target).hasContent(QqLogin.header(Duration.ofHours(1)));
    assertThat(ImportCommandTest.perms(target)).isEqualTo("rw-------");
    assertThat(Files.list(target.getParent())).containsExactly(target);
    RenewCommandTest.assertNoSecretIn(result, QqLogin.KEY);
  }

  /** Every export loads back through import, with the same cookies. */
  @ParameterizedTest
  @EnumSource(CookieFormat.class)
  void everyExportRoundTripsThroughImport(CookieFormat format) throws Exception {
    CliRunner cli = cliWithCookie();
    Path file = tmp.resolve("export." + format.id());
    assertThat(cli.run("export", "--format", format.id(), "--out", file.toString()).code())
        .isZero();

    CliRunner.Result imported = cli.run("import", "--account", "copy", "--file", file.toString());

    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(imported.out()).contains("(" + format.id() + ")");
    if (format == CookieFormat.QQMUSICAPI) {
      // It carries the login, not the browser's other cookies: QqMusicApiCredentialTest.
      assertThat(cli.run("export", "--account", "copy", "--format", format.id()).out())
          .isEqualTo(cli.run("export", "--format", format.id()).out());
      return;
    }
    assertThat(cli.run("export", "--account", "copy").out()).isEqualTo(cli.run("export").out());
    CookieRecord original = load(cli, "default");
    CookieRecord copy = load(cli, "copy");
    if (format != CookieFormat.HEADER) {
      assertThat(copy.cookies().asList())
          .containsExactlyElementsOf(
              original.cookies().asList().stream().map(c -> asCarriedBy(format, c)).toList());
    }
    if (format == CookieFormat.JSON) {
      assertThat(copy.metadata().userAgent()).isEqualTo(QqLogin.USER_AGENT);
    }
  }

  // What a format cannot say: cookies.txt has no session marker MozillaCookieJar keeps, and
  // storageState has no "unspecified" SameSite (browsers treat it as Lax).
  private static Cookie asCarriedBy(CookieFormat format, Cookie c) {
    if (format == CookieFormat.NETSCAPE && c.isSession()) {
      return new Cookie(
          c.name(),
          c.value(),
          c.domain(),
          c.path(),
          2_147_483_647L,
          c.httpOnly(),
          c.secure(),
          c.sameSite());
    }
    if (format == CookieFormat.PLAYWRIGHT && c.sameSite() == SameSite.UNSPECIFIED) {
      return new Cookie(
          c.name(),
          c.value(),
          c.domain(),
          c.path(),
          c.expires(),
          c.httpOnly(),
          c.secure(),
          SameSite.LAX);
    }
    return c;
  }

  @Test
  void netscapeLoadsInPythonsMozillaCookieJarAndCurl() throws Exception {
    CliRunner cli = cliWithCookie();
    Path file = tmp.resolve("cookies.txt");
    assertThat(cli.run("export", "--format", "netscape", "--out", file.toString()).code()).isZero();
    assertThat(Files.readString(file)).startsWith("# Netscape HTTP Cookie File");

    org.junit.jupiter.api.Assumptions.assumeTrue(onPath("python3"), "python3 is not installed");
    Process python =
        new ProcessBuilder(
                "python3",
                "-c",
                "import http.cookiejar,sys\n"
                    + "j=http.cookiejar.MozillaCookieJar(sys.argv[1]); j.load()\n"
                    + "print(len(j)); print(sorted({c.domain for c in j}))",
                file.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String output = new String(python.getInputStream().readAllBytes());
    assertThat(python.exitValue()).as(output).isZero();
    int expected = load(cli, "default").cookies().size();
    assertThat(output.lines().findFirst()).hasValue(Integer.toString(expected));
  }

  @Test
  void playwrightWritesStorageState() throws Exception {
    CliRunner cli = cliWithCookie();

    JsonNode state = new ObjectMapper().readTree(cli.run("export", "--format", "playwright").out());

    assertThat(state.get("origins").isArray()).isTrue();
    JsonNode first = state.get("cookies").get(0);
    assertThat(first.get("domain").asText()).isEqualTo(".qq.com");
    assertThat(first.get("expires").isNumber()).isTrue();
    assertThat(first.get("httpOnly").isBoolean()).isTrue();
    assertThat(first.get("sameSite").asText()).isIn("Strict", "Lax", "None");
  }

  @Test
  void anUnknownFormatIsAUsageErrorAndAMissingAccountInvalidInput() {
    CliRunner cli = cliWithCookie();

    CliRunner.Result badFormat = cli.run("export", "--format", "yaml");
    CliRunner.Result noAccount = cli.run("export", "--account", "nobody");

    assertThat(badFormat.code()).isEqualTo(2);
    assertThat(badFormat.err()).contains("header").contains("netscape");
    assertThat(noAccount.code()).isEqualTo(5);
    assertThat(noAccount.err()).contains("import");
  }

  @Test
  void anExpiredCookieIsExportedWithAWarning() {
    CliRunner cli = cliWithCookie();
    cli.clock.advance(Duration.ofHours(30));

    CliRunner.Result result = cli.run("export");

    assertThat(result.code()).isZero();
    assertThat(result.err()).contains("expired");
  }

  private static CookieRecord load(CliRunner cli, String account) throws Exception {
    return CookieFormats.readStoreDocument(new String(cli.storedBytes(account)));
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
