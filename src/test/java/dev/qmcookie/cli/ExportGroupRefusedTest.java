package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qmcookie.vault.RunningUser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user who is not root can give a file only to a group it belongs to. The export is then refused
 * with exit 5 and a message that says what to do, and the target keeps its old content and mode:
 * the group is set on the temporary file, before anything is renamed over the target.
 *
 * <p>Run as the user {@code nobody} (through {@code setpriv}), which these tests, as root, can do.
 */
class ExportGroupRefusedTest {
  static final String NOBODY = "65534";

  @TempDir Path tmp;

  /** A work folder and a cookie file of nobody's, and a class path nobody can read. */
  record NobodysWork(String classPath, Path work, Path cookie) {}

  NobodysWork nobodysWork() throws Exception {
    assumeTrue(RunningUser.isRoot(), "only root can run qmcookie as another user here");
    assumeTrue(new File("/usr/bin/setpriv").canExecute(), "setpriv (util-linux) is not installed");
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    String classPath = readableClassPath(Files.createDirectory(tmp.resolve("cp")));
    Path work = Files.createDirectory(tmp.resolve("work"));
    Path cookie =
        Files.writeString(
            work.resolve("cookie.txt"), QqLogin.header(QqLogin.UIN, QqLogin.KEY, Instant.now()));
    for (Path p : List.of(work, cookie)) {
      Files.setAttribute(p, "unix:uid", 65534);
      Files.setAttribute(p, "unix:gid", 65534);
    }
    return new NobodysWork(classPath, work, cookie);
  }

  @Test
  void aGroupThisUserIsNotInIsRefusedWithExit5AndTheTargetIsLeftAsItWas() throws Exception {
    NobodysWork nobodys = nobodysWork();
    String classPath = nobodys.classPath();
    Path work = nobodys.work();
    Path cookie = nobodys.cookie();
    Path target = Files.createDirectories(work.resolve("meting/cookie")).resolve("tencent");
    Files.writeString(target, "old");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    for (Path p : List.of(target.getParent().getParent(), target.getParent(), target)) {
      Files.setAttribute(p, "unix:uid", 65534);
      Files.setAttribute(p, "unix:gid", 65534);
    }
    Path home = work.resolve("home");

    Run imported =
        asNobody(classPath, "import", "--home", home.toString(), "--file", cookie.toString());
    assertThat(imported.code()).as(imported.toString()).isZero();

    Run refused =
        asNobody(
            classPath,
            "export",
            "--home",
            home.toString(),
            "--out",
            target.toString(),
            "--mode",
            "0640",
            "--group",
            "root");

    assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err())
        .contains("cannot give " + target + " to group root")
        .contains("member of that group")
        .doesNotContain(QqLogin.KEY);
    assertThat(refused.err().strip()).doesNotContain("\n");
    assertThat(target).hasContent("old");
    assertThat(ImportCommandTest.perms(target)).isEqualTo("rw-------");
    assertThat(ExportTargetsTest.namesIn(target.getParent())).containsExactly("tencent");
  }

  @Test
  void theDaemonWithAGroupThisUserIsNotInStopsAtStartWithExit5() throws Exception {
    NobodysWork nobodys = nobodysWork();
    String classPath = nobodys.classPath();
    Path work = nobodys.work();
    Path cookie = nobodys.cookie();
    Path home = work.resolve("home");
    Path target = work.resolve("tencent");
    assertThat(
            asNobody(classPath, "import", "--home", home.toString(), "--file", cookie.toString())
                .code())
        .isZero();

    Run refused =
        asNobody(
            classPath,
            "daemon",
            "--home",
            home.toString(),
            "--endpoint",
            "http://127.0.0.1:9/",
            "--export",
            "header:" + target,
            "--mode",
            "0640",
            "--group",
            "root");

    assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(refused.err()).contains("to group root").contains("member of that group");
    assertThat(target).doesNotExist();
  }

  record Run(int code, String out, String err) {}

  private Run asNobody(String classPath, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/setpriv",
                "--reuid=" + NOBODY,
                "--regid=" + NOBODY,
                "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.resolve("work").toFile());
    pb.environment().remove("QMCOOKIE_HOME");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "qmcookie "
              + args[0]
              + " did not finish:\n"
              + Files.readString(out)
              + Files.readString(err));
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  // The local Maven repository is root's alone: its jars are linked (or copied) where nobody reads.
  private static String readableClassPath(Path dir) throws IOException {
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (Files.isDirectory(source) || !Files.exists(source)) {
        entries.add(entry);
        continue;
      }
      Path copy = dir.resolve((n++) + "-" + source.getFileName());
      try {
        Files.createLink(copy, source);
      } catch (IOException | UnsupportedOperationException otherFileSystem) {
        Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
      }
      entries.add(copy.toString());
    }
    return String.join(File.pathSeparator, entries);
  }
}
