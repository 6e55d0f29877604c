package dev.qmcookie.schedule;

import java.util.concurrent.CountDownLatch;

/**
 * Turns SIGTERM and SIGINT into a clean stop of a long-running command, through a shutdown hook
 * rather than an internal JDK API. A shutdown hook runs once the JVM has started to exit, so the
 * hook asks the work to stop and then holds the exit until the command has finished its own way out
 * (the renewal or hook in hand, the exports, the output); only then does the process end, with the
 * command's code: a supervisor sees 0 for a requested stop, not the 143 or 130 of a signal.
 */
public final class SignalStop implements AutoCloseable {
  /**
   * The parts of {@link Runtime} this uses; tests pass a fake, as a real exit ends the test JVM.
   */
  public interface Jvm {
    Jvm REAL =
        new Jvm() {
          @Override
          public void addShutdownHook(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
          }

          @Override
          public void removeShutdownHook(Thread hook) {
            Runtime.getRuntime().removeShutdownHook(hook);
          }

          @Override
          public void halt(int status) {
            Runtime.getRuntime().halt(status);
          }
        };

    void addShutdownHook(Thread hook);

    /**
     * @throws IllegalStateException when the JVM is exiting already
     */
    void removeShutdownHook(Thread hook);

    void halt(int status);
  }

  private final Jvm jvm;
  private final Thread hook;
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile Integer exitCode;

  private SignalStop(Runnable stop, Jvm jvm) {
    this.jvm = jvm;
    this.hook = new Thread(() -> stopAndWait(stop), "stop-on-signal");
  }

  /** Calls {@code stop} (which must return at once) when the process is asked to exit. */
  public static SignalStop install(Runnable stop) {
    return install(stop, Jvm.REAL);
  }

  public static SignalStop install(Runnable stop, Jvm jvm) {
    SignalStop s = new SignalStop(stop, jvm);
    jvm.addShutdownHook(s.hook);
    return s;
  }

  /**
   * The command is done and its output flushed: an exit under way may now end the process with
   * {@code code}. Without a signal, the hook is simply removed.
   */
  public void finished(int code) {
    exitCode = code;
    release();
  }

  /** Without {@link #finished}: the command failed, and an exit under way keeps the JVM's code. */
  @Override
  public void close() {
    release();
  }

  private void release() {
    try {
      jvm.removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // A signal came: the hook is running, and waits for the count-down below.
    }
    ended.countDown();
  }

  private void stopAndWait(Runnable stop) {
    stop.run();
    try {
      ended.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    Integer code = exitCode;
    if (code != null) {
      // The other hooks are the JVM's and the browser session's; the work they guard ended
      // with the command, so nothing is cut short here.
      jvm.halt(code);
    }
  }
}
