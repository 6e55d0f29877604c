package dev.qmcookie.renew;

import java.time.Duration;

/**
 * How patiently something that failed in passing is tried again: {@code attempts} tries in all,
 * pausing {@code first} after the first failure and {@code factor} times longer after each next
 * one, never more than {@code cap}. The one backoff of the renewal, the daemon and the notifier;
 * the pause itself goes through a {@link Sleeper}, so tests wait for nothing.
 */
public record Backoff(Duration first, double factor, Duration cap, int attempts) {

  /** A renewal: 3 tries, waiting 2 s then 4 s; with 8 s per request, done within about 30 s. */
  public static final Backoff RENEWAL =
      new Backoff(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30), 3);

  /**
   * The daemon, between renewals that failed in passing: 1 minute doubling to 1 hour, for as long
   * as the key lives (the daemon stops at its expiry, not at a count).
   */
  public static final Backoff DAEMON =
      new Backoff(Duration.ofMinutes(1), 2.0, Duration.ofHours(1), Integer.MAX_VALUE);

  public Backoff {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    if (first.isNegative() || cap.isNegative() || factor < 1) {
      throw new IllegalArgumentException("a backoff never shrinks and never waits a negative time");
    }
  }

  /** The pause after {@code failures} failures in a row (1-based): first, first × factor, … cap. */
  public Duration pauseAfter(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("a pause follows at least one failure");
    }
    // In double, a long run of failures overflows to infinity, which the cap catches.
    double millis = first.toMillis() * Math.pow(factor, failures - 1);
    return millis >= cap.toMillis() ? cap : Duration.ofMillis((long) millis);
  }

  /** Whether a try may follow {@code tries} tries that all failed. */
  public boolean allowsAnotherAfter(int tries) {
    return tries < attempts;
  }
}
