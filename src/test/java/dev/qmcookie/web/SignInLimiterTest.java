package dev.qmcookie.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SignInLimiterTest {
  final HandClock clock = new HandClock(Instant.parse("2026-11-24T12:00:00Z"));
  final SignInLimiter limiter = new SignInLimiter(clock);

  @Test
  void aSpreadOfAddressesMeetsTheCapOfAll() {
    for (int i = 0; i < SignInLimiter.IN_ALL; i++) {
      String address = "10.0.0." + i;
      assertThat(limiter.tryAcquire(address)).as(address).isEmpty();
    }
    assertThat(limiter.tryAcquire("10.0.1.1")).contains(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire("10.0.1.1")).isEmpty();
  }

  @Test
  void oneAddressAtItsLimitLeavesTheOthersFree() {
    for (int i = 0; i < SignInLimiter.PER_ADDRESS; i++) {
      assertThat(limiter.tryAcquire("10.0.0.1")).isEmpty();
    }
    assertThat(limiter.tryAcquire("10.0.0.1")).isPresent();
    assertThat(limiter.tryAcquire("10.0.0.2")).isEmpty();
  }

  @Test
  void aRightTryIsForgiven() {
    for (int i = 0; i < 2 * SignInLimiter.PER_ADDRESS; i++) {
      assertThat(limiter.tryAcquire("10.0.0.1")).as("try %d", i + 1).isEmpty();
      limiter.succeeded("10.0.0.1");
    }
  }

  @Test
  void parallelTriesGetNoMoreThanTheLimit() throws Exception {
    int threads = 64;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> tries = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        tries.add(
            pool.submit(
                () -> {
                  go.await();
                  return limiter.tryAcquire("127.0.0.1").isEmpty();
                }));
      }
      go.countDown();
      int admitted = 0;
      for (Future<Boolean> t : tries) {
        admitted += t.get() ? 1 : 0;
      }
      assertThat(admitted).isEqualTo(SignInLimiter.PER_ADDRESS);
    } finally {
      pool.shutdownNow();
    }
  }
}
