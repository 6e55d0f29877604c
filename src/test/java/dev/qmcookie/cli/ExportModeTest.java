package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --out FILE --mode MODE --group GROUP}: a consumer of another user (Meting-API)
 * reads the cookie through a group, never through "other"; a file that is current already is not
 * rewritten, and a name that shares its inode with another file is never changed in place.
 */
class ExportModeTest {
  /** A group every Debian system has, which the tests (as root) may give files to. */
  static final String GROUP = "nogroup";

  @TempDir Path tmp;

  CliRunner cliWithCookie() {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    return cli;
  }

  static String group(Path p) throws Exception {
    return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .group()
        .getName();
  }

  static Object inode(Path p) throws Exception {
    return Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
  }

  static void requireGroup() {
    try {
      dev.qmcookie.vault.ExportAccess.of(null, GROUP);
    } catch (RuntimeException e) {
      assumeTrue(
          false,
          "this machine has no group '"
              + GROUP
              + "' to give exports to (getent group "
              + GROUP
              + ")");
    }
  }

  @Test
  void modeAndGroupLetTheConsumersGroupRead() throws Exception {
    requireGroup();
    CliRunner cli = cliWithCookie();
    Path target = tmp.resolve("meting/cookie/tencent");

    CliRunner.Result result =
        cli.run("export", "--out", target.toString(), "--mode", "0640", "--group", GROUP);

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(target).hasContent(QqLogin.header(Duration.ofHours(1)));
    assertThat(ImportCommandTest.perms(target)).isEqualTo("rw-r-----");
    assertThat(group(target)).isEqualTo(GROUP);
    assertThat(result.out()).contains("mode 0640, group " + GROUP);
    RenewCommandTest.assertNoSecretIn(result, QqLogin.KEY);
  }

  @Test
  void aGroupIsAlsoANumericGidAndModeTakesThreeDigits() throws Exception {
    requireGroup();
    CliRunner cli = cliWithCookie();
    Path target = tmp.resolve("tencent");
    Object gid =
        Files.getAttribute(
            Files.setAttribute(
                Files.createFile(tmp.resolve("probe")),
                "posix:group",
                tmp.getFileSystem()
                    .getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(GROUP)),
            "unix:gid");

    CliRunner.Result result =
        cli.run("export", "--out", target.toString(), "--mode", "660", "--group", gid.toString());

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(ImportCommandTest.perms(target)).isEqualTo("rw-rw----");
    assertThat(group(target)).isEqualTo(GROUP);
  }

  @Test
  void anyBitForOthersOrBeyond0660IsRefusedAndNothingIsWritten() {
    CliRunner cli = cliWithCookie();
    Path target = tmp.resolve("tencent");

    for (String mode : new String[] {"0644", "0604", "0602", "0601", "666", "0664"}) {
      CliRunner.Result result = cli.run("export", "--out", target.toString(), "--mode", mode);
      assertThat(result.code()).as(mode + ": " + result).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(result.err())
          .contains("--mode " + mode)
          .contains("every user")
          .contains("--group");
      assertThat(result.err().strip()).doesNotContain("\n");
    }
    for (String mode :
        new String[] {"0700", "0670", "0760", "4640", "2640", "1640", "0400", "0040", "0000"}) {
      CliRunner.Result result = cli.run("export", "--out", target.toString(), "--mode", mode);
      assertThat(result.code()).as(mode + ": " + result).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(result.err()).contains("--mode " + mode + " is not allowed").contains("0640");
    }
    for (String mode : new String[] {"rw-r-----", "0x1a0", "0680", "", "06400"}) {
      CliRunner.Result result = cli.run("export", "--out", target.toString(), "--mode", mode);
      assertThat(result.code()).as(mode + ": " + result).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(result.err()).contains("octal mode");
    }
    assertThat(target).doesNotExist();
  }

  @Test
  void anUnknownGroupIsRefusedAndNothingIsWritten() {
    CliRunner cli = cliWithCookie();
    Path target = tmp.resolve("tencent");

    CliRunner.Result result =
        cli.run(
            "export", "--out", target.toString(), "--mode", "0640", "--group", "no-such-group-qmc");

    assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err())
        .contains("--group \"no-such-group-qmc\" is no group")
        .contains("getent group");
    assertThat(target).doesNotExist();
  }

  @Test
  void modeOrGroupWithoutOutIsAUsageErrorButAConfiguredOneIsNotUsed() throws Exception {
    CliRunner cli = cliWithCookie();

    CliRunner.Result typed = cli.run("export", "--mode", "0640");
    CliRunner.Result typedGroup = cli.run("export", "--group", "root");

    assertThat(typed.code()).as(typed.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(typed.err()).contains("--mode applies to files: use it with --out FILE");
    assertThat(typed.out()).isEmpty();
    assertThat(typedGroup.code()).as(typedGroup.toString()).isEqualTo(ExitCodes.USAGE);

    // A top-level key serves every command with the option: export to stdout ignores it.
    Files.writeString(cli.home.resolve("config.json"), "{\"mode\": \"0640\"}");
    CliRunner.Result toStdout = cli.run("export");
    assertThat(toStdout.code()).as(toStdout.toString()).isZero();
    assertThat(toStdout.out()).isEqualTo(QqLogin.header(Duration.ofHours(1)) + "\n");

    Path target = tmp.resolve("tencent");
    CliRunner.Result toFile = cli.run("export", "--out", target.toString());
    assertThat(toFile.code()).as(toFile.toString()).isZero();
    assertThat(ImportCommandTest.perms(target)).isEqualTo("rw-r-----");
  }

  @Test
  void theConfigKeysSetModeAndGroupForExportAndAFlagWins() throws Exception {
    requireGroup();
    CliRunner cli = cliWithCookie();
    Files.writeString(
        cli.home.resolve("config.json"),
        "{\"export\": {\"mode\": \"0660\", \"group\": \"" + GROUP + "\"}}");
    Path target = tmp.resolve("tencent");

    CliRunner.Result configured = cli.run("export", "--out", target.toString());
    assertThat(configured.code()).as(configured.toString()).isZero();
    assertThat(ImportCommandTest.perms(target)).isEqualTo("rw-rw----");
    assertThat(group(target)).isEqualTo(GROUP);

    CliRunner.Result flag = cli.run("export", "--out", target.toString(), "--mode", "0600");
    assertThat(flag.code()).as(flag.toString()).isZero();
    assertThat(ImportCommandTest.perms(target)).isEqualTo("rw-------");
  }

  @Test
  void aFileThatIsCurrentIsNotRewrittenButItsModeAndGroupAreFixed() throws Exception {
    requireGroup();
    CliRunner cli = cliWithCookie();
    Path target = tmp.resolve("tencent");
    assertThat(cli.run("export", "--out", target.toString()).code()).isZero();
    FileTime past = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    Files.setLastModifiedTime(target, past);
    Object before = inode(target);

    CliRunner.Result same = cli.run("export", "--out", target.toString());

    assertThat(same.code()).as(same.toString()).isZero();
    assertThat(same.out()).contains("already holds").contains("not rewritten");
    assertThat(inode(target)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(past);

    CliRunner.Result widened =
        cli.run("export", "--out", target.toString(), "--mode", "0640", "--group", GROUP);

    assertThat(widened.code()).as(widened.toString()).isZero();
    assertThat(inode(target)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(target)).isEqualTo(past);
    assertThat(ImportCommandTest.perms(target)).isEqualTo("rw-r-----");
    assertThat(group(target)).isEqualTo(GROUP);

    // Loosened by hand: the next export takes it back to what was asked for.
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertThat(cli.run("export", "--out", target.toString()).code()).isZero();
    assertThat(ImportCommandTest.perms(target)).isEqualTo("rw-------");
    assertThat(inode(target)).isEqualTo(before);
  }

  @Test
  void aTargetSharingItsInodeWithAnotherFileIsReplacedNotChangedInPlace() throws Exception {
    requireGroup();
    CliRunner cli = cliWithCookie();
    // Someone who can write the export folder links a private file of ours, which holds the same
    // bytes, under the target's name; widening it in place would widen that file too.
    Path mine = tmp.resolve("private-copy");
    assertThat(cli.run("export", "--out", mine.toString()).code()).isZero();
    Path target =
        Files.createLink(Files.createDirectories(tmp.resolve("meting")).resolve("tencent"), mine);
    String groupBefore = group(mine);

    CliRunner.Result result =
        cli.run("export", "--out", target.toString(), "--mode", "0640", "--group", GROUP);

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(ImportCommandTest.perms(mine)).isEqualTo("rw-------");
    assertThat(group(mine)).isEqualTo(groupBefore);
    assertThat(inode(target)).isNotEqualTo(inode(mine));
    assertThat(ImportCommandTest.perms(target)).isEqualTo("rw-r-----");
    assertThat(group(target)).isEqualTo(GROUP);
    assertThat(target).hasContent(QqLogin.header(Duration.ofHours(1)));
  }

  @Test
  void aSymlinkToAFileWithTheCookieIsReplacedAndWhatItPointsToKeepsItsModeAndGroup()
      throws Exception {
    requireGroup();
    CliRunner cli = cliWithCookie();
    Path mine = tmp.resolve("private-copy");
    assertThat(cli.run("export", "--out", mine.toString()).code()).isZero();
    String groupBefore = group(mine);
    Path link =
        Files.createSymbolicLink(
            Files.createDirectories(tmp.resolve("meting")).resolve("tencent"), mine);

    CliRunner.Result result =
        cli.run("export", "--out", link.toString(), "--mode", "0640", "--group", GROUP);

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(ImportCommandTest.perms(link)).isEqualTo("rw-r-----");
    assertThat(group(link)).isEqualTo(GROUP);
    assertThat(ImportCommandTest.perms(mine)).isEqualTo("rw-------");
    assertThat(group(mine)).isEqualTo(groupBefore);
  }
}
