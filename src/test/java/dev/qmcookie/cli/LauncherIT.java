package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The packaged launcher, {@code target/qmcookie}: it runs the jar, builds its class-data-sharing
 * archive once in the background, then starts from it; without an archive, or with a broken or
 * foreign one, it still just works. Run by failsafe after {@code package}.
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("target", "qmcookie").toAbsolutePath();
  private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  @TempDir Path dir;
  private Path home;
  private Path cds;
  private String plainExport;

  @BeforeEach
  void importACookie() throws Exception {
    home = dir.resolve("home");
    cds = dir.resolve("cds");
    CliRunner cli = new CliRunner(home);
    // The launched process reads the real clock, so the key is an hour old by that clock.
    Instant created = Instant.now().minus(Duration.ofHours(1));
    cli.clock.advance(Duration.between(QqLogin.NOW, created));
    cli.importCookie("default", QqLogin.header(QqLogin.UIN, QqLogin.KEY, created));
    plainExport = run(Map.of("QMCOOKIE_CDS_DIR", "off"), "export").out();
    assertThat(plainExport).contains("qqmusic_key=");
  }

  @Test
  void buildsTheArchiveOnceInTheBackgroundAndThenStartsFromIt() throws Exception {
    Run first = run(Map.of(), "export");
    assertThat(first.code()).isZero();
    assertThat(first.out()).isEqualTo(plainExport);
    assertThat(first.err()).isEmpty();

    Path archive = awaitOnlyArchive();
    assertThat(Files.getPosixFilePermissions(cds))
        .as("the archive decides what code runs")
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    Path classLog = dir.resolve("classes.log");
    Run second = run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classLog), "export");

    assertThat(second.code()).isZero();
    assertThat(second.out()).isEqualTo(plainExport);
    assertThat(Files.readString(classLog))
        .as("qmcookie's own classes come from %s", archive)
        .containsPattern("dev\\.qmcookie\\.cli\\.Main source: shared objects file");
  }

  @Test
  void otherFlagsGetTheirOwnArchiveAndANewBuildReplacesTheOld() throws Exception {
    run(Map.of(), "status");
    Path first = awaitOnlyArchive();
    run(Map.of("QMCOOKIE_JAVA_OPTS", "-XX:+UseSerialGC"), "status");
    assertThat(awaitArchives(2)).contains(first);

    // A rebuilt jar has another size or time: its archive replaces the one of the old build.
    Path install = Files.createDirectories(dir.resolve("install"));
    Path launcher = Files.copy(LAUNCHER, install.resolve("qmcookie"));
    Path jar = Files.copy(LAUNCHER.resolveSibling("qmcookie.jar"), install.resolve("qmcookie.jar"));
    run(launcher, Map.of(), "status");
    List<Path> withCopy = awaitArchives(3);
    Files.setLastModifiedTime(
        jar, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(3600)));
    run(launcher, Map.of(), "status");

    List<Path> afterRebuild = awaitArchives(3);
    assertThat(afterRebuild).contains(first).isNotEqualTo(withCopy);
  }

  @Test
  void runsWithoutAnArchiveWhenToldSoOrWhenItIsBroken() throws Exception {
    Run off = run(Map.of("QMCOOKIE_CDS_DIR", "off"), "export");
    assertThat(off.out()).isEqualTo(plainExport);
    assertThat(cds).doesNotExist();

    run(Map.of(), "status");
    Path archive = awaitOnlyArchive();
    archive.toFile().setWritable(true);
    Files.writeString(archive, "not an archive");
    Run broken = run(Map.of(), "export");

    assertThat(broken.code()).isZero();
    assertThat(broken.out()).isEqualTo(plainExport);
  }

  @Test
  void javaWarningsAboutABrokenArchiveNeverReachStandardOutput() throws Exception {
    // Java 25 reports an archive it cannot use, where 17 says nothing; the cookie must stay clean.
    Assumptions.assumeTrue(Files.isExecutable(JAVA_25.resolve("bin/java")), "needs " + JAVA_25);
    Map<String, String> java25 = Map.of("JAVA_HOME", JAVA_25.toString());
    Run first = run(java25, "export");
    Path archive = awaitOnlyArchive();
    archive.toFile().setWritable(true);
    Files.writeString(archive, "not an archive");

    Run broken = run(java25, "export");

    assertThat(broken.code()).isZero();
    assertThat(broken.out()).isEqualTo(first.out()).isEqualTo(plainExport);
  }

  @Test
  void ignoresAnArchiveOrFolderOthersControl() throws Exception {
    run(Map.of(), "status");
    Path archive = awaitOnlyArchive();
    Path classLog = dir.resolve("classes.log");
    Map<String, String> logged = Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classLog);

    Files.setPosixFilePermissions(cds, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(run(logged, "status").code()).isZero();
    assertThat(Files.readString(classLog))
        .as("a folder anyone can write")
        .contains("dev.qmcookie.cli.Main ")
        .doesNotContainPattern("dev\\.qmcookie\\.cli\\.Main source: shared objects file");
    Files.setPosixFilePermissions(cds, PosixFilePermissions.fromString("rwx------"));

    Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-rw-rw-"));
    assertThat(run(logged, "status").code()).isZero();
    assertThat(Files.readString(classLog))
        .as("an archive anyone can write")
        .doesNotContainPattern("dev\\.qmcookie\\.cli\\.Main source: shared objects file");
    awaitOnlyArchive();
  }

  @Test
  void ignoresAnArchiveSomeoneElseOwns() throws Exception {
    run(Map.of(), "status");
    Path archive = awaitOnlyArchive();
    // Only root can give a file away; elsewhere this case cannot be set up.
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "needs root to change an owner");
    UserPrincipal nobody;
    try {
      nobody =
          archive.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    } catch (UserPrincipalNotFoundException e) {
      throw new TestAbortedException("this machine has no user nobody");
    }
    Files.setOwner(archive, nobody);
    Path classLog = dir.resolve("classes.log");

    Run run = run(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classLog), "status");

    assertThat(run.code()).isZero();
    assertThat(Files.readString(classLog))
        .contains("dev.qmcookie.cli.Main ")
        .doesNotContainPattern("dev\\.qmcookie\\.cli\\.Main source: shared objects file");
    // The launcher builds its own in its place.
    awaitOnlyArchive();
  }

  @Test
  void aKilledBuilderLeavesNothingBehind() throws Exception {
    // A copy of its own, so that killing by command line touches only this launcher's builder.
    Path install = Files.createDirectories(dir.resolve("killed"));
    Path launcher = Files.copy(LAUNCHER, install.resolve("qmcookie"));
    Files.copy(LAUNCHER.resolveSibling("qmcookie.jar"), install.resolve("qmcookie.jar"));
    run(launcher, Map.of(), "status");
    assertThat(
            eventually(
                () ->
                    listCds().stream()
                        .anyMatch(f -> f.getFileName().toString().startsWith(".build"))))
        .as("the builder started")
        .isTrue();

    // As systemd ends what a unit left running: every process of it gets SIGTERM.
    new ProcessBuilder("pkill", "-TERM", "-f", launcher.toString())
        .start()
        .waitFor(10, TimeUnit.SECONDS);

    assertThat(
            eventually(
                () ->
                    listCds().stream()
                        .noneMatch(
                            f ->
                                f.getFileName().toString().startsWith(".build")
                                    || f.getFileName().toString().endsWith(".lock"))))
        .as("no work folder or lock is left in %s", cds)
        .isTrue();
    // And the next launcher is free to try again.
    run(launcher, Map.of(), "status");
    awaitOnlyArchive();
  }

  @Test
  void passesArgumentsAndExitCodesThrough() throws Exception {
    Run missing =
        run(Map.of("QMCOOKIE_CDS_DIR", "off"), "status", "--account", "nobody with spaces");

    assertThat(missing.code()).isEqualTo(5);
    assertThat(missing.err())
        .as("the name arrived as one argument")
        .contains("the account name \"nobody with spaces\" is not allowed");
  }

  @Test
  void findsItsJarThroughASymlink() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("qmcookie"), LAUNCHER);

    Run run = run(link, Map.of("QMCOOKIE_CDS_DIR", "off"), "export");

    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo(plainExport);
  }

  @Test
  void saysHowToBuildTheJarWhenItIsMissing() throws Exception {
    Path alone = Files.copy(LAUNCHER, dir.resolve("qmcookie"));

    Run run = run(alone, Map.of(), "status");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("qmcookie.jar is missing").contains("mvn");
  }

  @Test
  void saysHowToGetJavaWhenThereIsNone() throws Exception {
    Run run = run(Map.of("JAVA_HOME", dir.resolve("no-such-java").toString()), "status");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("no Java at").contains("JAVA_HOME");
  }

  /** Waits until the background builder is done and exactly one archive is left; returns it. */
  private Path awaitOnlyArchive() throws Exception {
    return awaitArchives(1).get(0);
  }

  /**
   * Waits until no builder is at work and {@code count} archives, owned by this user, are in place.
   */
  private List<Path> awaitArchives(int count) throws Exception {
    String me = System.getProperty("user.name");
    boolean settled =
        eventually(
            () -> {
              List<Path> files = listCds();
              List<Path> archives =
                  files.stream().filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
              return archives.size() == count
                  && files.size() == count
                  && archives.stream().allMatch(a -> owner(a).equals(me) && privateFile(a));
            });
    assertThat(settled)
        .as("%d archive(s) and nothing else in %s: %s", count, cds, listCds())
        .isTrue();
    return listCds().stream().sorted().toList();
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static boolean eventually(Condition condition) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (condition.holds()) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private List<Path> listCds() throws Exception {
    if (!Files.isDirectory(cds)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cds)) {
      return files.toList();
    }
  }

  private static boolean privateFile(Path file) {
    try {
      var perms = Files.getPosixFilePermissions(file);
      return !perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
          && !perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static String owner(Path file) {
    try {
      return Files.getOwner(file).getName();
    } catch (java.io.IOException e) {
      return "";
    }
  }

  private record Run(int code, String out, String err) {}

  private Run run(Map<String, String> env, String... args) throws Exception {
    return run(LAUNCHER, env, args);
  }

  private Run run(Path launcher, Map<String, String> env, String... args) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        launch(launcher, env, args)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private ProcessBuilder launch(Path launcher, Map<String, String> env, String... args) {
    ProcessBuilder pb =
        new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), Stream.of(args)).toList());
    Map<String, String> environment =
        new HashMap<>(Map.of("QMCOOKIE_HOME", home.toString(), "QMCOOKIE_CDS_DIR", cds.toString()));
    environment.putAll(env);
    pb.environment().remove("QMCOOKIE_JAVA_OPTS");
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    pb.environment().putAll(environment);
    return pb.redirectInput(new File("/dev/null"))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
  }
}
