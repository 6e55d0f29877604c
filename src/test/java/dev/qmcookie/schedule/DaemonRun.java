package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.HandClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A daemon of one account "alice", with no jitter, exports, hooks or notifications, running on its
 * own thread on a hand-moved clock and writing its text log to {@link #log()}. Closing it stops the
 * loop and waits for it.
 */
final class DaemonRun implements AutoCloseable {
  static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

  private final StringWriter out = new StringWriter();
  final Daemon daemon;
  final Thread loop;

  DaemonRun(Vaults vaults, HandClock clock) {
    this(vaults, clock, null);
  }

  /** As above, alerting {@code notifier} too. */
  DaemonRun(Vaults vaults, HandClock clock, Notifier notifier) {
    this(vaults, clock, notifier, List.of(), null, Daemon.CATCH_UP);
  }

  /**
   * As above, writing {@code targets}, running {@code onFailure} (or none, when null), and reading
   * a shared store again every {@code catchUp}.
   */
  DaemonRun(
      Vaults vaults,
      Clock clock,
      Notifier notifier,
      List<ExportTarget> targets,
      String onFailure,
      Duration catchUp) {
    EventLog log = new EventLog(new PrintWriter(out), EventLog.Format.TEXT, clock);
    daemon =
        new Daemon(
            vaults,
            new Planner(Duration.ZERO, new Random()),
            targets,
            "alice",
            new Hooks(null, onFailure, Duration.ofSeconds(10), log),
            notifier,
            log,
            clock,
            catchUp);
    loop =
        new Thread(
            () -> {
              try {
                daemon.run();
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            },
            "daemon-under-test");
    loop.start();
  }

  String log() {
    return out.toString();
  }

  /** Waits up to 30 seconds for {@code condition}, failing with the log so far. */
  void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out; log:\n%s", out).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws InterruptedException {
    daemon.stop();
    loop.join(10_000);
  }

  /** A home of one account, "alice", without files; counts how often the home is read. */
  abstract static class OneAccount implements Vaults {
    final AtomicInteger reads = new AtomicInteger();
    private final Path home;

    OneAccount(Path home) {
      this.home = home;
    }

    @Override
    public Path home() {
      return home;
    }

    @Override
    public List<String> accounts() {
      reads.incrementAndGet();
      return List.of("alice");
    }

    @Override
    public List<Path> export(String account, List<ExportTarget> targets) {
      return List.of();
    }
  }
}
