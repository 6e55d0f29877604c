package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.schedule.DaemonAccounts;
import dev.qmcookie.schedule.ExportTarget;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.SpecialFiles;
import dev.qmcookie.vault.Vault;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export targets are regular files or absent: a device, FIFO or socket is refused (exit 5) and left
 * as it was, never replaced by a file holding the cookie; a symbolic link is replaced, its target
 * never written.
 */
class ExportTargetsTest {
  static final Duration NO_HANG = Duration.ofSeconds(20);

  @TempDir Path tmp;

  CliRunner cliWithCookie() {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    return cli;
  }

  static boolean isSpecial(Path p) throws Exception {
    return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
  }

  void assertRefusedAndUntouched(CliRunner cli, Path target) throws Exception {
    CliRunner.Result result =
        assertTimeoutPreemptively(NO_HANG, () -> cli.run("export", "--out", target.toString()));

    assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains(target + " is a special file").contains("regular file");
    assertThat(isSpecial(target)).isTrue();
    assertThat(namesIn(target.getParent())).containsExactly(target.getFileName().toString());
    RenewCommandTest.assertNoSecretIn(result, QqLogin.KEY);
  }

  static List<String> namesIn(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFifoIsRefusedWithoutBlocking() throws Exception {
    CliRunner cli = cliWithCookie();
    Path fifo = SpecialFiles.fifo(Files.createDirectories(tmp.resolve("out")).resolve("tencent"));

    assertRefusedAndUntouched(cli, fifo);
  }

  @Test
  void aDeviceIsRefused() throws Exception {
    CliRunner cli = cliWithCookie();
    Path device =
        SpecialFiles.nullDevice(Files.createDirectories(tmp.resolve("dev")).resolve("null"));

    assertRefusedAndUntouched(cli, device);
  }

  @Test
  void aSocketIsRefused() throws Exception {
    CliRunner cli = cliWithCookie();
    Path socket = Files.createDirectories(tmp.resolve("run")).resolve("s");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));

      assertRefusedAndUntouched(cli, socket);
    }
  }

  @Test
  void aFolderIsRefusedNamingTheFolderNotATemporaryFile() throws Exception {
    CliRunner cli = cliWithCookie();
    Path folder = Files.createDirectories(tmp.resolve("meting"));

    CliRunner.Result result = cli.run("export", "--out", folder.toString());

    assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains(folder + " is a folder").doesNotContain(".tmp");
    assertThat(namesIn(folder)).isEmpty();
    assertThat(namesIn(tmp)).noneMatch(n -> n.endsWith(".tmp"));
  }

  @Test
  void aPathInASystemFolderOrAnEmptyPathIsRefused() throws Exception {
    CliRunner cli = cliWithCookie();
    // Only paths where a wrong write could do no harm: /dev/stdout itself would be replaced as
    // root.
    for (String systemPath : new String[] {"/dev/fd/1", "/proc/self/fd/1", "/sys/qmcookie-test"}) {
      CliRunner.Result result = cli.run("export", "--out", systemPath);

      assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(result.err())
          .contains(systemPath + " is in ")
          .contains("a folder of the system")
          .contains("leave out --out")
          .doesNotContain(".tmp");
    }
    CliRunner.Result empty = cli.run("export", "--out", "");
    assertThat(empty.code()).as(empty.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(empty.err()).contains("the export path is empty");
  }

  @Test
  void devShmIsAnOrdinaryPlaceForAnExport() throws Exception {
    Path shm = Path.of("/dev/shm");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(shm) && Files.isWritable(shm), "no writable /dev/shm here");
    CliRunner cli = cliWithCookie();
    Path target = shm.resolve("qmcookie-test-" + ProcessHandle.current().pid());
    try {
      CliRunner.Result result = cli.run("export", "--out", target.toString());

      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(target).hasContent(QqLogin.header(Duration.ofHours(1)));
    } finally {
      Files.deleteIfExists(target);
    }
  }

  @Test
  void aSymlinkIsReplacedAndItsTargetNeverWritten() throws Exception {
    CliRunner cli = cliWithCookie();
    Path pointedAt = Files.writeString(tmp.resolve("someone-elses"), "keep me");
    Path link = Files.createSymbolicLink(tmp.resolve("tencent"), pointedAt);

    CliRunner.Result result = cli.run("export", "--out", link.toString());

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(Files.isSymbolicLink(link)).isFalse();
    assertThat(link).hasContent(QqLogin.header(Duration.ofHours(1)));
    assertThat(ImportCommandTest.perms(link)).isEqualTo("rw-------");
    assertThat(pointedAt).hasContent("keep me");
  }

  @Test
  void theDaemonsExportRefusesASpecialFileAndLeavesIt() throws Exception {
    cliWithCookie();
    Path fifo = SpecialFiles.fifo(Files.createDirectories(tmp.resolve("out")).resolve("tencent"));
    DaemonAccounts vaults =
        new DaemonAccounts(
            new Vault(tmp.resolve("home"), Duration.ofSeconds(2)),
            RenewalSchedule.defaults(),
            null,
            Clock.systemUTC(),
            ExportAccess.OWNER_ONLY);

    assertTimeoutPreemptively(
        NO_HANG,
        () ->
            assertThatThrownBy(
                    () -> vaults.export("default", List.of(ExportTarget.parse("header:" + fifo))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(fifo + " is a special file"));
    assertThat(isSpecial(fifo)).isTrue();
  }

  @Test
  void theDaemonDoesNotStartWithASpecialFileAsExportTarget() throws Exception {
    CliRunner cli = cliWithCookie();
    Path device =
        SpecialFiles.nullDevice(Files.createDirectories(tmp.resolve("dev")).resolve("null"));

    CliRunner.Result result =
        assertTimeoutPreemptively(NO_HANG, () -> cli.run("daemon", "--export", "header:" + device));

    assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err()).contains(device + " is a special file");
    assertThat(isSpecial(device)).isTrue();
  }
}
