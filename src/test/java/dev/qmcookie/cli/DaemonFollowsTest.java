package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cli.DaemonProcessTest.DaemonLog;
import dev.qmcookie.testkit.RenewalAnswers;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a real process keeps its export targets current whoever changes the stored cookie,
 * with {@code --mode} and {@code --group} on every write: at start, after its own renewal, and
 * within 2 s of an {@code import} or a {@code renew} by another process, each change also reported
 * to {@code --on-renew} with who made it.
 */
class DaemonFollowsTest {
  static final Duration FOLLOWS_WITHIN = Duration.ofSeconds(2);

  @TempDir Path tmp;

  @Test
  void everyWriteHasModeAndGroupAndChangesByOthersReachTheTargetsAndTheHookWithin2s()
      throws Exception {
    ExportModeTest.requireGroup();
    Path home = tmp.resolve("home");
    Path current = tmp.resolve("meting/cookie/tencent");
    Path absent = tmp.resolve("ytdlp/cookies.txt");
    Path hookFile = tmp.resolve("hook.txt");
    CliRunner cli = new CliRunner(home);
    cli.clock.advance(Duration.between(QqLogin.NOW, Instant.now()));
    // Two hours old with --renew-after 1h: due at once.
    cli.importCookie(
        "default",
        QqLogin.header(QqLogin.UIN, QqLogin.KEY, Instant.now().minus(Duration.ofHours(2))));
    Files.createDirectories(current.getParent());
    assertThat(cli.run("export", "--out", current.toString()).code()).isZero();
    FileTime past = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
    Files.setLastModifiedTime(current, past);
    Object inode = ExportModeTest.inode(current);
    CountDownLatch renewalMayAnswer = new CountDownLatch(1);
    AtomicInteger renewals = new AtomicInteger();

    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
              renewalMayAnswer.await(30, TimeUnit.SECONDS);
              return RenewalAnswers.success(
                  QqLogin.UIN, "Q_H_L_63k3NserverKEY" + renewals.incrementAndGet(), Instant.now());
            }
          });
      server.start(InetAddress.getLoopbackAddress(), 0);
      String endpoint = server.url("/cgi-bin/musicu.fcg").toString();
      Path logFile = tmp.resolve("daemon.log");
      Process daemon =
          MainProcessTest.command(
                  "daemon",
                  "--home",
                  home.toString(),
                  "--renew-after",
                  "1h",
                  "--jitter",
                  "0s",
                  "--endpoint",
                  endpoint,
                  "--export",
                  "header:" + current,
                  "--export",
                  "netscape:" + absent,
                  "--mode",
                  "0640",
                  "--group",
                  ExportModeTest.GROUP,
                  "--on-renew",
                  "echo \"$QMCOOKIE_CHANGED_BY $QMCOOKIE_OUTCOME $QMCOOKIE_STATE $QMCOOKIE_ACCOUNT\" >> "
                      + hookFile)
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      DaemonLog log = new DaemonLog(logFile);
      try {
        // Start: the current file keeps its inode and time, and only gets its mode and group.
        DaemonProcessTest.await(
            () -> log.toString().contains(" exported account=default why=start"), log);
        assertThat(ExportModeTest.inode(current)).isEqualTo(inode);
        assertThat(Files.getLastModifiedTime(current)).isEqualTo(past);
        assertWanted(current);
        assertWanted(absent);
        assertThat(absent).content().contains(QqLogin.KEY);

        // Its own renewal.
        renewalMayAnswer.countDown();
        DaemonProcessTest.await(() -> Files.exists(hookFile), log);
        assertThat(current).content().contains("serverKEY1");
        assertWanted(current);
        assertWanted(absent);

        // Another process imports a login.
        String imported = "Q_H_L_63k3NimportedBYother";
        cli.importCookie(
            "default", QqLogin.header(QqLogin.UIN, imported, Instant.now()), "--replace");
        assertFollowedWithin2s(
            () -> contains(current, imported) && contains(absent, imported), log);
        assertWanted(current);
        assertWanted(absent);

        // Another process renews (cron, or a user at the shell).
        CliRunner.Result renewed = cli.run("renew", "--force", "--endpoint", endpoint);
        assertThat(renewed.code()).as(renewed.toString()).isZero();
        assertFollowedWithin2s(
            () -> contains(current, "serverKEY2") && contains(absent, "serverKEY2"), log);
        assertWanted(current);
        assertWanted(absent);

        DaemonProcessTest.await(() -> lines(hookFile) == 3, log);
        assertThat(Files.readAllLines(hookFile))
            .containsExactly(
                "daemon renewed fresh default",
                "other renewed fresh default",
                "other renewed fresh default");
      } finally {
        renewalMayAnswer.countDown();
        daemon.destroy();
        daemon.waitFor(10, TimeUnit.SECONDS);
      }
      assertThat(daemon.exitValue()).as(log.toString()).isZero();
      assertThat(renewals).as("the daemon renewed once; the second was the CLI's").hasValue(2);
      assertThat(log.toString())
          .doesNotContain(QqLogin.KEY)
          .doesNotContain("serverKEY")
          .doesNotContain("importedBYother");
    }
  }

  @Test
  void modeOrGroupWithoutAnExportIsAUsageErrorAndABadOneStopsTheStart() {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    Path target = tmp.resolve("tencent");

    CliRunner.Result noExport = cli.run("daemon", "--mode", "0640");
    CliRunner.Result others = cli.run("daemon", "--export", "header:" + target, "--mode", "0644");
    CliRunner.Result unknown =
        cli.run("daemon", "--export", "header:" + target, "--group", "no-such-group-qmc");

    assertThat(noExport.code()).as(noExport.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(noExport.err()).contains("--mode applies to files: use it with --export");
    assertThat(others.code()).as(others.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(others.err()).contains("--mode 0644").contains("every user");
    assertThat(unknown.code()).as(unknown.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(unknown.err()).contains("no-such-group-qmc");
    assertThat(target).doesNotExist();
  }

  private static void assertWanted(Path file) throws Exception {
    assertThat(ImportCommandTest.perms(file)).as(file.toString()).isEqualTo("rw-r-----");
    assertThat(ExportModeTest.group(file)).as(file.toString()).isEqualTo(ExportModeTest.GROUP);
  }

  private static void assertFollowedWithin2s(BooleanSupplier done, Object log)
      throws InterruptedException {
    long start = System.nanoTime();
    DaemonProcessTest.await(done, log);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as(log.toString())
        .isLessThan(FOLLOWS_WITHIN);
  }

  private static boolean contains(Path file, String text) {
    try {
      return Files.readString(file).contains(text);
    } catch (java.io.IOException notYet) {
      return false;
    }
  }

  private static int lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
