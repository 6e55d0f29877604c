package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stop on SIGTERM and SIGINT, with the JVM's exit faked: the real signals are sent to a real
 * daemon in {@code cli/DaemonProcessTest}.
 */
class SignalStopTest {
  /** Records what a real Runtime would have been asked to do. */
  static final class FakeJvm implements SignalStop.Jvm {
    final List<Thread> hooks = new CopyOnWriteArrayList<>();
    final List<Integer> halts = new CopyOnWriteArrayList<>();
    volatile boolean exiting;

    @Override
    public void addShutdownHook(Thread hook) {
      hooks.add(hook);
    }

    @Override
    public void removeShutdownHook(Thread hook) {
      if (exiting) {
        throw new IllegalStateException("Shutdown in progress");
      }
      hooks.remove(hook);
    }

    @Override
    public void halt(int status) {
      halts.add(status);
    }

    /** What the JVM does on SIGTERM: it starts exiting and runs the hooks. */
    Thread signal() {
      exiting = true;
      Thread hook = hooks.get(0);
      hook.start();
      return hook;
    }
  }

  @Test
  void aSignalStopsTheWorkAndHoldsTheExitUntilTheCommandEndedThenExitsWithItsCode()
      throws Exception {
    FakeJvm jvm = new FakeJvm();
    CountDownLatch stopAsked = new CountDownLatch(1);
    SignalStop stop = SignalStop.install(stopAsked::countDown, jvm);

    Thread hook = jvm.signal();

    assertThat(stopAsked.await(10, TimeUnit.SECONDS)).isTrue();
    awaitWaiting(hook);
    // The exit waits for the write in hand: no halt while the command still runs.
    assertThat(jvm.halts).isEmpty();
    stop.finished(0);
    stop.close();
    hook.join(10_000);
    assertThat(hook.isAlive()).isFalse();
    assertThat(jvm.halts).containsExactly(0);
  }

  @Test
  void withoutASignalTheHookIsRemovedAndNothingHalts() {
    FakeJvm jvm = new FakeJvm();

    try (SignalStop stop = SignalStop.install(() -> {}, jvm)) {
      assertThat(jvm.hooks).hasSize(1);
      stop.finished(0);
    }

    assertThat(jvm.hooks).isEmpty();
    assertThat(jvm.halts).isEmpty();
  }

  @Test
  void aCommandThatFailsDuringTheStopLeavesTheExitCodeToTheJvm() throws Exception {
    FakeJvm jvm = new FakeJvm();
    SignalStop stop = SignalStop.install(() -> {}, jvm);
    Thread hook = jvm.signal();

    stop.close();

    hook.join(10_000);
    assertThat(hook.isAlive()).isFalse();
    assertThat(jvm.halts).isEmpty();
  }

  @Test
  void aCommandThatFailsWithoutASignalJustRemovesTheHook() {
    FakeJvm jvm = new FakeJvm();

    SignalStop.install(() -> {}, jvm).close();

    assertThat(jvm.hooks).isEmpty();
    assertThat(jvm.halts).isEmpty();
  }

  private static void awaitWaiting(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (t.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("the hook never waited").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
