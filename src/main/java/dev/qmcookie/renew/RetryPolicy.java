package dev.qmcookie.renew;

import java.time.Duration;

/**
 * How often and how patiently a renewal is retried after a passing fault: {@code maxAttempts}
 * requests in all, waiting {@code initialBackoff} after the first failure and {@code multiplier}
 * times longer after each next one, never more than {@code maxBackoff}.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {

  /** 3 attempts, waiting 2 s then 4 s: with 8 s per request, done within about 30 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** The pause after failed attempt number {@code attempt} (1-based). */
  public Duration backoffAfter(int attempt) {
    double factor = Math.pow(multiplier, attempt - 1);
    double millis = initialBackoff.toMillis() * factor;
    return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
  }
}
