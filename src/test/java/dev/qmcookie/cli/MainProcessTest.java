package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RenewalAnswers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts a real JVM once, to prove the exit status reaches the shell. */
class MainProcessTest {
  @TempDir Path home;

  @Test
  void theExitStatusReachesTheShell() throws Exception {
    Process usage = start("status", "--no-such-flag");
    Process invalid =
        start("import", "--home", home.toString(), "--file", home.resolve("missing").toString());

    assertThat(finish(usage)).isEqualTo(2);
    assertThat(finish(invalid)).isEqualTo(5);
    String err = new String(invalid.getErrorStream().readAllBytes());
    assertThat(err.lines())
        .singleElement()
        .asString()
        .startsWith("qmcookie: ")
        .contains("no such file");
  }

  @Test
  void aRenewalKilledMidRequestLeavesTheCookieAndReleasesTheLock() throws Exception {
    CliRunner cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(java.time.Duration.ofHours(21)));
    byte[] before = cli.storedBytes("default");
    try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
      server.start(java.net.InetAddress.getLoopbackAddress(), 0);
      server.enqueue(
          new mockwebserver3.MockResponse.Builder(
                  RenewalAnswers.success(QqLogin.UIN, RenewCommandTest.NEW_KEY, QqLogin.NOW))
              .headersDelay(60, TimeUnit.SECONDS)
              .build());
      server.enqueue(RenewalAnswers.success(QqLogin.UIN, RenewCommandTest.NEW_KEY, QqLogin.NOW));
      String endpoint = server.url("/cgi-bin/musicu.fcg").toString();

      // The real clock is used here: --force makes the key's age irrelevant.
      Process renewer =
          start(
              "renew",
              "--force",
              "--home",
              home.toString(),
              "--endpoint",
              endpoint,
              "--timeout",
              "90s");
      assertThat(server.takeRequest(60, TimeUnit.SECONDS))
          .as("the renewer reached the server")
          .isNotNull();
      renewer.destroyForcibly();
      assertThat(renewer.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(cli.storedBytes("default")).isEqualTo(before);
      CliRunner.Result next = cli.run("renew", "--force", "--endpoint", endpoint);
      assertThat(next.code()).as(next.toString()).isZero();
      assertThat(new String(cli.storedBytes("default"))).contains(RenewCommandTest.NEW_KEY);
    }
  }

  @Test
  void commandsWithoutABrowserLoadNoSeleniumNorDaemonNorOtherCommandsClasses() throws Exception {
    CliRunner cli = new CliRunner(home);
    // The child process reads the real clock, so the key is an hour old by that clock.
    java.time.Instant created = java.time.Instant.now().minus(java.time.Duration.ofHours(1));
    cli.clock.advance(java.time.Duration.between(QqLogin.NOW, created));
    cli.importCookie("default", QqLogin.header(QqLogin.UIN, QqLogin.KEY, created));
    // Options of other commands at the top level must not make status build their models.
    Files.writeString(
        home.resolve("config.json"), "{\"browser-arg\": [\"--no-sandbox\"], \"timeout\": \"9s\"}");
    Path classLog = home.resolve("classes.log");
    for (String[] command : new String[][] {{"status", "--all"}, {"export"}}) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--home", home.toString()));
      ProcessBuilder pb = command(args.toArray(String[]::new));
      pb.command().add(1, "-Xlog:class+load:file=" + classLog);
      Path errors = home.resolve("stderr.txt");
      Process p =
          pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
      int code = finish(p);
      assertThat(code)
          .as("exit code of %s; stderr: %s", command[0], Files.readString(errors))
          .isZero();

      String loaded = java.nio.file.Files.readString(classLog);
      assertThat(loaded)
          .as(String.join(" ", command))
          .contains("dev.qmcookie.cli.Main ")
          .doesNotContain("org.openqa.selenium")
          .doesNotContain("io.github.bonigarcia")
          .doesNotContain("com.google.zxing")
          .doesNotContain("sun.misc.Signal ")
          .doesNotContain("dev.qmcookie.schedule.Daemon ")
          .doesNotContain("dev.qmcookie.cli.DoctorCommand ")
          .doesNotContain("dev.qmcookie.cli.ImportCommand ")
          .doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ")
          // Without a store, nothing of Redis: neither Jedis nor the store that uses it.
          .doesNotContain("redis.clients.")
          .doesNotContain("dev.qmcookie.store.")
          .doesNotContain("dev.qmcookie.cli.SharedStore ");
    }
  }

  /** Starts {@code java … Main args} with this test run's class path. */
  static Process start(String... args) throws Exception {
    return command(args).start();
  }

  /**
   * The command line {@code java … Main args}, with this test run's class path, not yet started.
   */
  static ProcessBuilder command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("QMCOOKIE_HOME");
    pb.environment().remove("QMCOOKIE_ENDPOINT");
    pb.environment().remove("QMCOOKIE_ROUTE");
    return pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
  }

  private static int finish(Process p) throws Exception {
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("qmcookie finished").isTrue();
    return p.exitValue();
  }
}
