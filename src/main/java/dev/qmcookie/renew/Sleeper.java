package dev.qmcookie.renew;

import java.time.Duration;

/** Waits between retries; tests pass one that only records the pauses. */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
