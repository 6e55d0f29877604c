package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RenewalAnswers;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as a real process against a fake renewal endpoint. */
class DaemonProcessTest {
  @TempDir Path tmp;

  @Test
  void itRenewsExportsAtomicallyRunsTheHookSeesImportsAndStopsCleanly() throws Exception {
    Path home = tmp.resolve("home");
    Path exported = tmp.resolve("meting/cookie/tencent");
    Path hookFile = tmp.resolve("hook.txt");
    Files.createDirectories(exported.getParent());
    CliRunner cli = new CliRunner(home);
    cli.clock.advance(Duration.between(QqLogin.NOW, Instant.now()));
    cli.importCookie("default", QqLogin.header(QqLogin.UIN, QqLogin.KEY, Instant.now()));
    AtomicInteger renewals = new AtomicInteger();

    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              int n = renewals.incrementAndGet();
              return RenewalAnswers.success(QqLogin.UIN, "Q_H_L_63k3NdaemonKEY" + n, Instant.now());
            }
          });
      server.start(InetAddress.getLoopbackAddress(), 0);

      Path logFile = tmp.resolve("daemon.log");
      Process daemon =
          MainProcessTest.command(
                  "daemon",
                  "--home",
                  home.toString(),
                  "--renew-after",
                  "3s",
                  "--jitter",
                  "0s",
                  "--endpoint",
                  server.url("/cgi-bin/musicu.fcg").toString(),
                  "--export",
                  "header:" + exported,
                  "--listen",
                  "0",
                  "--on-renew",
                  "echo \"$QMCOOKIE_ACCOUNT $QMCOOKIE_OUTCOME $QMCOOKIE_EXPORTS\" >> " + hookFile)
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      DaemonLog log = new DaemonLog(logFile);

      // A reader that never stops looking must only ever see whole cookies.
      Set<String> seen = ConcurrentHashMap.newKeySet();
      AtomicBoolean partial = new AtomicBoolean();
      AtomicBoolean reading = new AtomicBoolean(true);
      Thread reader =
          new Thread(
              () -> {
                while (reading.get()) {
                  try {
                    String text = Files.readString(exported);
                    if (!text.startsWith("pgv_pvid=")
                        || !text.endsWith("psrf_qqopenid=" + QqLogin.OPENID)) {
                      partial.set(true);
                    }
                    seen.add(text);
                  } catch (NoSuchFileException notYet) {
                    // The daemon has not written it yet.
                  } catch (Exception e) {
                    partial.set(true);
                  }
                }
              });
      reader.start();
      try {
        await(() -> renewals.get() >= 1 && Files.exists(hookFile), log);
        await(() -> seen.stream().anyMatch(t -> t.contains("daemonKEY1")), log);
        assertThat(Files.readString(hookFile)).contains("default renewed " + exported);
        checkTheEndpoint(home, log);

        // Another process stores a new login: the daemon notices without a restart.
        String imported = "Q_H_L_63k3NimportedWHILErunning9";
        cli.importCookie(
            "default", QqLogin.header(QqLogin.UIN, imported, Instant.now()), "--replace");
        await(() -> seen.stream().anyMatch(t -> t.contains(imported)), log);
        await(() -> log.toString().contains(" changed account=default"), log);
      } finally {
        reading.set(false);
        reader.join(5000);
      }

      long stopping = System.nanoTime();
      daemon.destroy(); // SIGTERM
      assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
      Duration took = Duration.ofNanos(System.nanoTime() - stopping);

      assertThat(daemon.exitValue()).as(log.toString()).isZero();
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      assertThat(partial).as("a reader saw a partial export").isFalse();
      assertThat(log.toString())
          .contains(" started ")
          .contains(" scheduled account=default")
          .contains(" renewed account=default via=http")
          .containsPattern(" renewed account=default via=http next=\\d{4}-\\S+")
          .contains(" stopped")
          .doesNotContain(QqLogin.KEY)
          .doesNotContain("daemonKEY");
      assertThat(ImportCommandTest.perms(exported)).isEqualTo("rw-------");
    }
  }

  @Test
  void aLostLoginIsReportedOnceByHookAndNotificationAndNotRetried() throws Exception {
    Path home = tmp.resolve("home");
    Path hookFile = tmp.resolve("failure.txt");
    CliRunner cli = new CliRunner(home);
    cli.clock.advance(Duration.between(QqLogin.NOW, Instant.now()));
    cli.importCookie("default", QqLogin.header(QqLogin.UIN, QqLogin.KEY, Instant.now()));
    AtomicInteger renewals = new AtomicInteger();
    AtomicInteger notifications = new AtomicInteger();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              if (request.getUrl().encodedPath().equals("/alert")) {
                notifications.incrementAndGet();
                return new MockResponse.Builder().code(204).build();
              }
              renewals.incrementAndGet();
              return RenewalAnswers.code(0, 104401);
            }
          });
      server.start(InetAddress.getLoopbackAddress(), 0);
      Path logFile = tmp.resolve("daemon.log");
      Process daemon =
          MainProcessTest.command(
                  "daemon",
                  "--home",
                  home.toString(),
                  "--renew-after",
                  "1s",
                  "--jitter",
                  "0s",
                  "--endpoint",
                  server.url("/cgi-bin/musicu.fcg").toString(),
                  "--notify-url",
                  server.url("/alert").toString(),
                  "--on-failure",
                  "echo \"$QMCOOKIE_OUTCOME $QMCOOKIE_EXIT_CODE\" >> " + hookFile)
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      DaemonLog log = new DaemonLog(logFile);
      try {
        await(() -> notifications.get() == 1 && Files.exists(hookFile), log);
        // That no retry follows, however long it runs, is proved on a hand-moved clock by
        // schedule/DaemonLoopTest and TimetableTest; this process proves the wiring.
        assertThat(renewals).as("one attempt: shape A, then shape B once").hasValue(2);
        assertThat(notifications).hasValue(1);
        assertThat(Files.readAllLines(hookFile)).containsExactly("needs-login 3");
        assertThat(log.toString())
            .contains(" needs-login account=default code=3")
            .contains(" notified account=default");
      } finally {
        daemon.destroy();
        daemon.waitFor(10, TimeUnit.SECONDS);
      }
      assertThat(daemon.exitValue()).isZero();
    }
  }

  @Test
  void
      aPassingFaultIsRetriedLaterLeavesTheCookieAndAKilledDaemonPicksUpOnRestartThenSeesARemovalAndStopsOnCtrlC()
          throws Exception {
    Path home = tmp.resolve("home");
    CliRunner cli = new CliRunner(home);
    cli.clock.advance(Duration.between(QqLogin.NOW, Instant.now()));
    cli.importCookie("default", QqLogin.header(QqLogin.UIN, QqLogin.KEY, Instant.now()));
    byte[] before = cli.storedBytes("default");
    AtomicBoolean serverUp = new AtomicBoolean(false);
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return serverUp.get()
                  ? RenewalAnswers.success(QqLogin.UIN, "Q_H_L_63k3NafterRESTART", Instant.now())
                  : new MockResponse.Builder().code(503).body("busy").build();
            }
          });
      server.start(InetAddress.getLoopbackAddress(), 0);
      String endpoint = server.url("/cgi-bin/musicu.fcg").toString();

      // Events go to stdout; stderr keeps the per-try details of the renewal, as text.
      Path jsonLog = tmp.resolve("events.json");
      Process failing =
          MainProcessTest.command(
                  "daemon",
                  "--home",
                  home.toString(),
                  "--renew-after",
                  "1s",
                  "--jitter",
                  "0s",
                  "--endpoint",
                  endpoint,
                  "--log-format",
                  "json")
              .redirectOutput(jsonLog.toFile())
              .redirectError(tmp.resolve("details.txt").toFile())
              .start();
      DaemonLog log = new DaemonLog(jsonLog);
      try {
        await(() -> log.toString().contains("\"event\":\"retrying\""), log);
      } finally {
        failing.destroyForcibly(); // kill -9: no chance to tidy up
        failing.waitFor(10, TimeUnit.SECONDS);
      }

      assertThat(cli.storedBytes("default"))
          .as("a failure leaves the stored cookie as it was")
          .isEqualTo(before);
      com.fasterxml.jackson.databind.ObjectMapper json =
          new com.fasterxml.jackson.databind.ObjectMapper();
      for (String line : log.toString().lines().filter(l -> !l.isBlank()).toList()) {
        com.fasterxml.jackson.databind.JsonNode event = json.readTree(line);
        assertThat(event.path("time").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(event.path("event").asText()).as(line).isNotEmpty();
        if (event.path("event").asText().equals("retrying")) {
          assertThat(event.path("account").asText()).isEqualTo("default");
          assertThat(event.path("failures").asInt()).isEqualTo(1);
          // The first retry waits a minute: the backoff, not a loop.
          assertThat(Instant.parse(event.path("next").asText()))
              .isAfter(Instant.parse(event.path("time").asText()).plusSeconds(50));
        }
      }
      assertThat(log.toString()).doesNotContain(QqLogin.KEY);
      assertThat(Files.readString(tmp.resolve("details.txt")))
          .contains("retrying in")
          .doesNotContain(QqLogin.KEY);

      serverUp.set(true);
      Path textLog = tmp.resolve("daemon.log");
      Process restarted =
          MainProcessTest.command(
                  "daemon",
                  "--home",
                  home.toString(),
                  "--renew-after",
                  "1s",
                  "--jitter",
                  "0s",
                  "--endpoint",
                  endpoint)
              .redirectErrorStream(true)
              .redirectOutput(textLog.toFile())
              .start();
      DaemonLog log2 = new DaemonLog(textLog);
      try {
        await(() -> log2.toString().contains(" renewed account=default"), log2);
        assertThat(new String(cli.storedBytes("default"))).contains("Q_H_L_63k3NafterRESTART");

        // An account another process removes is forgotten without a restart. The daemon may be
        // writing into it meanwhile (its start-of-run check), as it may when a user runs rm -r.
        removeWhileTheDaemonRuns(home.resolve("default"));
        await(() -> log2.toString().contains(" removed account=default"), log2);

        // Ctrl-C stops it as cleanly as SIGTERM.
        long stopping = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(restarted.pid()))
            .start()
            .waitFor(10, TimeUnit.SECONDS);
        assertThat(restarted.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping))
            .isLessThan(Duration.ofSeconds(5));
        assertThat(restarted.exitValue()).as(log2.toString()).isZero();
        assertThat(log2.toString()).contains(" stopped");
      } finally {
        restarted.destroy();
        restarted.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void sigtermDuringARenewalLetsItFinishAndItsExportBeWrittenThenExitsZero() throws Exception {
    Path home = tmp.resolve("home");
    Path exported = tmp.resolve("out/tencent");
    Files.createDirectories(exported.getParent());
    CliRunner cli = new CliRunner(home);
    cli.clock.advance(Duration.between(QqLogin.NOW, Instant.now()));
    // Due at once, and not again for an hour after its renewal.
    cli.importCookie(
        "default",
        QqLogin.header(QqLogin.UIN, QqLogin.KEY, Instant.now().minus(Duration.ofHours(2))));
    AtomicInteger renewals = new AtomicInteger();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              renewals.incrementAndGet();
              // Slow enough that the stop arrives while the answer is on its way.
              return RenewalAnswers.success(QqLogin.UIN, "Q_H_L_63k3NslowANSWER", Instant.now())
                  .newBuilder()
                  .headersDelay(2, TimeUnit.SECONDS)
                  .build();
            }
          });
      server.start(InetAddress.getLoopbackAddress(), 0);
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
                  server.url("/cgi-bin/musicu.fcg").toString(),
                  "--export",
                  "header:" + exported)
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      DaemonLog log = new DaemonLog(logFile);
      try {
        await(() -> renewals.get() == 1, log);
        daemon.destroy(); // SIGTERM, with the renewal in hand
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).as(log.toString()).isTrue();
      } finally {
        daemon.destroyForcibly();
      }

      assertThat(daemon.exitValue()).as(log.toString()).isZero();
      assertThat(log.toString()).contains(" renewed account=default via=http").contains(" stopped");
      assertThat(new String(cli.storedBytes("default"))).contains("Q_H_L_63k3NslowANSWER");
      assertThat(Files.readString(exported)).contains("Q_H_L_63k3NslowANSWER");
      try (java.util.stream.Stream<Path> left = Files.list(exported.getParent())) {
        assertThat(left).as("no temporary file is left behind").containsExactly(exported);
      }
    }
  }

  // --listen PORT binds loopback, makes an owner-only token, and guards the cookie with it.
  private static void checkTheEndpoint(Path home, DaemonLog log) throws Exception {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(" listening address=([^ ]+):(\\d+) ")
            .matcher(log.toString());
    assertThat(m.find()).as(log.toString()).isTrue();
    assertThat(InetAddress.getByName(m.group(1)).isLoopbackAddress()).isTrue();
    Path tokenFile = home.resolve("api-token");
    assertThat(ImportCommandTest.perms(tokenFile)).isEqualTo("rw-------");
    String token = Files.readString(tokenFile).strip();
    okhttp3.OkHttpClient client = new okhttp3.OkHttpClient();
    String url = "http://127.0.0.1:" + m.group(2) + "/v1/accounts/default/cookie?format=header";
    try (okhttp3.Response r =
        client.newCall(new okhttp3.Request.Builder().url(url).build()).execute()) {
      assertThat(r.code()).isEqualTo(401);
    }
    okhttp3.Request withToken =
        new okhttp3.Request.Builder().url(url).header("Authorization", "Bearer " + token).build();
    try (okhttp3.Response r = client.newCall(withToken).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string())
          .startsWith("pgv_pvid=")
          .contains("qqmusic_key=Q_H_L_63k3NdaemonKEY");
    }
  }

  /** The daemon's output file, read whole each time. */
  record DaemonLog(Path file) {
    @Override
    public String toString() {
      try {
        return Files.exists(file) ? Files.readString(file) : "";
      } catch (java.io.IOException e) {
        return "(unreadable: " + e + ")";
      }
    }
  }

  static void await(BooleanSupplier condition, Object log) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out; daemon log:\n" + log);
      }
      Thread.sleep(50);
    }
  }

  private static void removeWhileTheDaemonRuns(Path folder) throws Exception {
    for (int round = 0; Files.exists(folder); round++) {
      assertThat(round).as("%s could be removed", folder).isLessThan(50);
      try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      } catch (java.io.UncheckedIOException
          | java.nio.file.DirectoryNotEmptyException
          | NoSuchFileException e) {
        // A file came or went between the listing and the delete: list again.
      }
    }
  }
}
