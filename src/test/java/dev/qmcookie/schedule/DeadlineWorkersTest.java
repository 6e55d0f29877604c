package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DeadlineWorkersTest {
  @Test
  void anExchangeThatOverrunsIsInterruptedAndTheNextOneOnTheThreadIsNot() throws Exception {
    try (DeadlineWorkers workers = new DeadlineWorkers(1, Duration.ofMillis(200), "test")) {
      CountDownLatch cut = new CountDownLatch(1);
      workers.execute(
          () -> {
            try {
              Thread.sleep(10_000);
            } catch (InterruptedException e) {
              cut.countDown();
            }
          });
      assertThat(cut.await(5, TimeUnit.SECONDS))
          .as("the overrunning exchange was interrupted")
          .isTrue();

      AtomicBoolean interruptedAtStart = new AtomicBoolean(true);
      CountDownLatch ran = new CountDownLatch(1);
      workers.execute(
          () -> {
            interruptedAtStart.set(Thread.currentThread().isInterrupted());
            ran.countDown();
          });
      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(interruptedAtStart).isFalse();
    }
  }

  @Test
  void timeSpentWaitingForAWorkerCountsAgainstTheDeadline() throws Exception {
    try (DeadlineWorkers workers = new DeadlineWorkers(1, Duration.ofMillis(300), "test")) {
      CountDownLatch release = new CountDownLatch(1);
      // Holds the only worker past the queued exchange's deadline, ignoring the interrupt.
      workers.execute(
          () -> {
            long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
            while (System.nanoTime() < until) {
              Thread.onSpinWait();
            }
            release.countDown();
          });
      AtomicBoolean interruptedAtStart = new AtomicBoolean(false);
      CountDownLatch ran = new CountDownLatch(1);
      workers.execute(
          () -> {
            interruptedAtStart.set(Thread.currentThread().isInterrupted());
            ran.countDown();
          });

      assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(interruptedAtStart)
          .as("a queued exchange whose time ran out starts interrupted")
          .isTrue();
    }
  }
}
