package dev.qmcookie.schedule;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that serve the endpoint's exchanges, each exchange cut off after a time limit.
 *
 * <p>The JDK server reads a request on the thread it hands the exchange to, so a client that sends
 * half a request holds that thread for as long as it likes; its own timeouts ({@code
 * sun.net.httpserver.maxReqTime}) are JVM-wide system properties, read once. Here each exchange
 * gets its own deadline instead: when it passes, the worker is interrupted, and an interrupt closes
 * the socket channel the worker is blocked on (channels are interruptible), which ends the
 * exchange.
 */
final class DeadlineWorkers implements Executor, AutoCloseable {
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor deadlines;
  private final long limitNanos;

  /**
   * @param threads the most exchanges served at once; more wait their turn
   * @param limit how long one exchange may take, from its request's first byte to its answer's last
   */
  DeadlineWorkers(int threads, Duration limit, String name) {
    this.limitNanos = limit.toNanos();
    // Threads are made when needed and end when idle, so an idle daemon keeps none.
    this.workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads(name));
    workers.allowCoreThreadTimeOut(true);
    this.deadlines = new ScheduledThreadPoolExecutor(1, daemonThreads(name + "-deadline"));
    deadlines.setRemoveOnCancelPolicy(true);
  }

  // The deadline starts when the JDK hands the exchange over, on its first byte, so time spent
  // waiting for a free worker counts too: an exchange whose time ran out in the queue starts
  // interrupted, and its first read ends it.
  @Override
  public void execute(Runnable exchange) {
    Exchange running = new Exchange();
    var deadline = deadlines.schedule(running::cutOff, limitNanos, TimeUnit.NANOSECONDS);
    workers.execute(
        () -> {
          running.start(Thread.currentThread());
          try {
            exchange.run();
          } finally {
            deadline.cancel(false);
            running.finish();
            // An interrupt that raced with the end of the exchange must not hit the next one.
            Thread.interrupted();
          }
        });
  }

  /** One exchange, cut off only while it still runs, so that a cut never hits the next one. */
  private static final class Exchange {
    private Thread worker;
    private boolean expired;
    private boolean done;

    synchronized void start(Thread worker) {
      this.worker = worker;
      if (expired) {
        worker.interrupt();
      }
    }

    synchronized void cutOff() {
      expired = true;
      if (worker != null && !done) {
        worker.interrupt();
      }
    }

    synchronized void finish() {
      done = true;
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    workers.shutdownNow();
    deadlines.shutdownNow();
  }
}
