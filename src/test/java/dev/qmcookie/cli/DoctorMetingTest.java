package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.qmcookie.vault.OtherUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code doctor --meting DIR}: every way Meting-API silently misses the cookie, and the set-up that
 * works.
 */
class DoctorMetingTest {
  @TempDir Path tmp;
  CliRunner cli;
  Path meting;
  Path cookieDir;
  Path cookieFile;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliRunner(tmp.resolve("home"));
    // No browser on PATH: --meting alone must not need one.
    cli.env.put("PATH", Files.createDirectories(tmp.resolve("bin")).toString());
    cli.env.put("QMCOOKIE_DRIVERS", tmp.resolve("drivers").toString());
    cli.env.put("QMCOOKIE_ENDPOINT", "http://127.0.0.1:9/cgi-bin/musicu.fcg");
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    meting = Files.createDirectories(tmp.resolve("Meting-API"));
    Files.setPosixFilePermissions(meting, PosixFilePermissions.fromString("rwxr-xr-x"));
    cookieDir = meting.resolve("cookie");
    cookieFile = cookieDir.resolve("tencent");
  }

  private void export(String... extra) throws Exception {
    Files.createDirectories(cookieDir);
    Files.setPosixFilePermissions(cookieDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    String[] args = new String[3 + extra.length];
    args[0] = "export";
    args[1] = "--out";
    args[2] = cookieFile.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    CliRunner.Result r = cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
  }

  private CliRunner.Result doctor(String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "doctor";
    args[1] = "--meting";
    args[2] = meting.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return cli.run(args);
  }

  @Test
  void aWorkingHandOverExitsZeroWithoutPrintingTheCookieOrNeedingABrowser() throws Exception {
    export();

    CliRunner.Result result = doctor();

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains(
            "ok    meting     " + cookieDir + " exists (if you just created it, restart Meting-API")
        .contains("can read " + cookieFile)
        .contains(
            "ok    meting     " + cookieFile + " is the current header export of account default")
        .contains("ok    meting     no .env or compose file")
        .doesNotContain("browser   ")
        .doesNotContain("display")
        .doesNotContain(QqLogin.KEY)
        .doesNotContain(QqLogin.REFRESH_TOKEN);
  }

  @Test
  void withoutMetingTheBrowserIsStillChecked() {
    CliRunner.Result result = cli.run("doctor");

    assertThat(result.out()).contains("fail  browser").doesNotContain("meting");
  }

  @Test
  void aMissingCookieFolderFailsWithMkdirAndRestart() {
    CliRunner.Result result = doctor();

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out())
        .contains(
            "fail  meting     "
                + cookieDir
                + " does not exist; Meting-API watches it only if it existed when it started")
        .contains("fix: mkdir " + cookieDir + ", export into it, then restart Meting-API");
  }

  @Test
  void aMissingCookieFileFailsWithTheExportToRun() throws Exception {
    Files.createDirectories(cookieDir);

    CliRunner.Result result = doctor();

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out())
        .contains("fail  meting     " + cookieFile + " does not exist")
        .contains("fix: qmcookie export --out " + cookieFile);
  }

  @Test
  void aFileThatDiffersByOneByteFromTheExportFails() throws Exception {
    export();
    Files.write(
        cookieFile, "\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);

    CliRunner.Result result = doctor();

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out())
        .contains(
            "fail  meting     "
                + cookieFile
                + " differs from the current header export of account default")
        .doesNotContain(QqLogin.KEY);
  }

  @Test
  void anOlderCookieOfTheAccountFailsUntilItIsExportedAgain() throws Exception {
    export();
    cli.importCookie(
        "default", QqLogin.header(QqLogin.UIN, "Q_H_L_63k3NnewKEYnewKEYnewKEY02", QqLogin.NOW));

    assertThat(doctor().code()).isEqualTo(5);
    export();
    assertThat(doctor().code()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ".env",
        "compose.yaml",
        "compose.yml",
        "docker-compose.yml",
        "docker-compose.yaml"
      })
  void aSettingsFileThatSetsTheVariableFailsWithRemoveIt(String name) throws Exception {
    export();
    Path settings =
        Files.writeString(
            meting.resolve(name),
            "# METING_COOKIE_TENCENT is not used here\nservices:\n  meting:\n    environment:\n"
                + "      - METING_COOKIE_TENCENT=uin=1; qqmusic_key=x\n");

    CliRunner.Result result = doctor();

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out())
        .contains("fail  meting     " + settings + " line 5 sets METING_COOKIE_TENCENT")
        .contains("fix: remove it from " + settings + ", then restart Meting-API")
        .doesNotContain(" line 1 ");
  }

  @Test
  void aCommentMentioningTheVariableIsNoFinding() throws Exception {
    export();
    Files.writeString(
        meting.resolve(".env"), "# never set METING_COOKIE_TENCENT: it is read once\nPORT=3000\n");

    CliRunner.Result result = doctor();

    assertThat(result.code()).as(result.toString()).isZero();
  }

  @Test
  void aFifoInPlaceOfTheFileOrTheEnvIsReportedWithoutHanging() throws Exception {
    Files.createDirectories(cookieDir);
    mkfifo(cookieFile);
    mkfifo(meting.resolve(".env"));

    CliRunner.Result result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> doctor());

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out()).contains("fail  meting     " + cookieFile + " is not a regular file");
  }

  @Test
  void aLinkInPlaceOfTheFileIsNotFollowed() throws Exception {
    export();
    Path elsewhere = tmp.resolve("elsewhere");
    Files.move(cookieFile, elsewhere);
    Files.createSymbolicLink(cookieFile, elsewhere);

    CliRunner.Result result = doctor();

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out())
        .contains(
            "fail  meting     "
                + cookieFile
                + " is not a regular file, so qmcookie did not write it");
  }

  @Test
  void anOwnerOnlyFileIsUnreadableForAnotherUserAndAGroupExportFixesIt() throws Exception {
    export();
    OtherUser.give(meting);

    CliRunner.Result unreadable = doctor();

    assertThat(unreadable.code()).isEqualTo(5);
    assertThat(unreadable.out())
        .contains(
            "fail  meting     nobody cannot read "
                + cookieFile
                + ", so Meting-API silently sends its anonymous cookie")
        .contains("--group GROUP --mode 0640");

    // What export --group nogroup --mode 0640 (part B) leaves behind; set here so this test only
    // depends on doctor.
    shareWithGroupOf("nobody", cookieFile, "rw-r-----");

    CliRunner.Result readable = doctor();

    assertThat(readable.code()).as(readable.toString()).isZero();
    assertThat(readable.out())
        .contains("ok    meting     nobody (uid ")
        .contains("can read " + cookieFile);
  }

  @Test
  void theUserCanBeNamedAndAFolderItCannotEnterFails() throws Exception {
    export();
    shareWithGroupOf("nobody", cookieFile, "rw-r-----");
    requireUser("nobody");
    Files.setPosixFilePermissions(cookieDir, PosixFilePermissions.fromString("rwx------"));

    CliRunner.Result closed = doctor("--meting-user", "nobody");

    assertThat(closed.code()).isEqualTo(5);
    assertThat(closed.out()).contains("fail  meting     nobody cannot enter " + cookieDir);

    Files.setPosixFilePermissions(cookieDir, PosixFilePermissions.fromString("rwxr-x--x"));
    assertThat(doctor("--meting-user", "nobody").code()).isZero();
  }

  @Test
  void anUnknownUserFails() throws Exception {
    export();

    CliRunner.Result result = doctor("--meting-user", "no-such-user-qmcookie");

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out())
        .contains("fail  meting     no user 'no-such-user-qmcookie'")
        .contains("--meting-user USER");
  }

  @Test
  void metingUserAloneIsRefused() {
    CliRunner.Result result = cli.run("doctor", "--meting-user", "nobody");

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.err()).contains("add --meting DIR");
  }

  @Test
  void aDirThatIsNoFolderFails() {
    CliRunner.Result result = cli.run("doctor", "--meting", tmp.resolve("nowhere").toString());

    assertThat(result.code()).isEqualTo(5);
    assertThat(result.out()).contains("is not a folder").contains("working directory");
  }

  private static void requireUser(String name) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(name + ":")),
        "this machine has no user '" + name + "' to stand for Meting-API's");
  }

  /**
   * Gives {@code file} the primary group of {@code user} with {@code mode}, skipping where that is
   * not allowed.
   */
  private static void shareWithGroupOf(String user, Path file, String mode) throws Exception {
    requireUser(user);
    String gid =
        Files.readAllLines(Path.of("/etc/passwd")).stream()
            .filter(l -> l.startsWith(user + ":"))
            .findFirst()
            .orElseThrow()
            .split(":")[3];
    GroupPrincipal group =
        FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(gid);
    try {
      Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setGroup(group);
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          false, "this user may not give a file the group of " + user + ": " + e);
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
  }

  private static void mkfifo(Path path) throws Exception {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo is not available");
  }
}
