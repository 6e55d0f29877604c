package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A daemon process with {@code --listen 127.0.0.1:0}, started, on its port, stopped on close. */
record ListeningDaemon(Process process, DaemonProcessTest.DaemonLog log, int port)
    implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile(" listening address=127\\.0\\.0\\.1:(\\d+) ");

  /**
   * Starts {@code daemon --home TMP/home --listen 127.0.0.1:0 EXTRA…}, logging to TMP/daemon.log.
   */
  static ListeningDaemon start(Path tmp, String... extra) throws Exception {
    Path logFile = tmp.resolve("daemon.log");
    List<String> args =
        new ArrayList<>(
            List.of("daemon", "--home", tmp.resolve("home").toString(), "--listen", "127.0.0.1:0"));
    args.addAll(List.of(extra));
    Process process =
        MainProcessTest.command(args.toArray(String[]::new))
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile())
            .start();
    DaemonProcessTest.DaemonLog log = new DaemonProcessTest.DaemonLog(logFile);
    try {
      DaemonProcessTest.await(() -> log.toString().contains(" listening "), log);
      Matcher m = LISTENING.matcher(log.toString());
      assertThat(m.find()).as(log.toString()).isTrue();
      return new ListeningDaemon(process, log, Integer.parseInt(m.group(1)));
    } catch (Exception | AssertionError e) {
      stop(process);
      throw e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
