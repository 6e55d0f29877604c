package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher, {@code target/qmcookie}: it runs the jar, builds its class-data-sharing
 * archive once in the background, then starts from it; without an archive, or with a broken one,
 * it still just works. Run by failsafe after {@code package}.
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("target", "qmcookie").toAbsolutePath();

  @TempDir Path dir;
  private Path home;
  private Path cds;

  @BeforeEach
  void importACookie() throws Exception {
    home = dir.resolve("home");
    cds = dir.resolve("cds");
    CliRunner cli = new CliRunner(home);
    // The launched process reads the real clock, so the key is an hour old by that clock.
    Instant created = Instant.now().minus(Duration.ofHours(1));
    cli.clock.advance(Duration.between(QqLogin.NOW, created));
    cli.importCookie("default", QqLogin.header(QqLogin.UIN, QqLogin.KEY, created));
  }

  @Test
  void buildsTheArchiveOnceInTheBackgroundAndThenStartsFromIt() throws Exception {
    Run first = run(Map.of(), "status");
    assertThat(first.code()).isZero();
    assertThat(first.out()).contains("fresh");
    assertThat(first.err()).isEmpty();

    Path archive = awaitArchive();
    assertThat(Files.getPosixFilePermissions(cds)).as("the archive decides what code runs")
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Path classLog = dir.resolve("classes.log");
    Run second = run(Map.of("QMCOOKIE_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xlog:class+load:file=" + classLog), "export");

    assertThat(second.code()).isZero();
    assertThat(second.out()).contains("qqmusic_key=");
    assertThat(Files.readString(classLog))
        .as("qmcookie's own classes come from %s", archive)
        .containsPattern("dev\\.qmcookie\\.cli\\.Main source: shared objects file");
    assertThat(eventuallyOnly(archive)).as("no temporary files are left in %s", cds).isTrue();
  }

  @Test
  void runsWithoutAnArchiveWhenToldSoOrWhenItIsBroken() throws Exception {
    Run off = run(Map.of("QMCOOKIE_CDS_DIR", "off"), "status");
    assertThat(off.code()).isZero();
    assertThat(off.out()).contains("fresh");

    run(Map.of(), "status");
    Path archive = awaitArchive();
    archive.toFile().setWritable(true);
    Files.writeString(archive, "not an archive");
    Run broken = run(Map.of(), "status");

    assertThat(broken.code()).isZero();
    assertThat(broken.out()).contains("fresh");
    assertThat(broken.err()).isEmpty();
  }

  @Test
  void ignoresAnArchiveSomeoneElseOwns() throws Exception {
    run(Map.of(), "status");
    Path archive = awaitArchive();
    // Only root can give a file away; elsewhere this case cannot be set up.
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to change an owner");
    java.nio.file.attribute.UserPrincipal nobody;
    try {
      nobody = archive.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
      throw new org.opentest4j.TestAbortedException("this machine has no user nobody");
    }
    Files.setOwner(archive, nobody);
    Path classLog = dir.resolve("classes.log");

    Run run = run(Map.of("QMCOOKIE_JAVA_OPTS", "-Xlog:class+load:file=" + classLog), "status");

    assertThat(run.code()).isZero();
    assertThat(Files.readString(classLog)).contains("dev.qmcookie.cli.Main ")
        .doesNotContainPattern("dev\\.qmcookie\\.cli\\.Main source: shared objects file");
  }

  @Test
  void passesArgumentsAndExitCodesThrough() throws Exception {
    Run missing = run(Map.of(), "status", "--account", "nobody with spaces");

    assertThat(missing.code()).isEqualTo(5);
    assertThat(missing.err()).as("the name arrived as one argument")
        .contains("the account name \"nobody with spaces\" is not allowed");
  }

  @Test
  void findsItsJarThroughASymlink() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("qmcookie"), LAUNCHER);

    Run run = run(link, Map.of("QMCOOKIE_CDS_DIR", "off"), "status");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("fresh");
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

  private Path awaitArchive() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      if (Files.isDirectory(cds)) {
        try (Stream<Path> files = Files.list(cds)) {
          List<Path> archives = files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
          if (!archives.isEmpty()) {
            return archives.get(0);
          }
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no archive appeared in " + cds);
  }

  // The background job removes its class list just after it renames the archive into place.
  private boolean eventuallyOnly(Path archive) throws Exception {
    for (int i = 0; i < 50; i++) {
      try (Stream<Path> files = Files.list(cds)) {
        if (files.toList().equals(List.of(archive))) {
          return true;
        }
      }
      Thread.sleep(200);
    }
    return false;
  }

  private record Run(int code, String out, String err) {}

  private Run run(Map<String, String> env, String... args) throws Exception {
    return run(LAUNCHER, env, args);
  }

  private Run run(Path launcher, Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), Stream.of(args)).toList());
    pb.environment().put("QMCOOKIE_HOME", home.toString());
    pb.environment().put("QMCOOKIE_CDS_DIR", cds.toString());
    pb.environment().remove("QMCOOKIE_JAVA_OPTS");
    pb.environment().putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = pb.redirectInput(new File("/dev/null")).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
