package dev.qmcookie.renew;

import java.time.Duration;
import java.time.Instant;

/**
 * When a music key was issued, when it expires and when it should be renewed.
 *
 * @param expiryKnown true when the expiry comes from the server's {@code keyExpiresIn}, false when
 *     it is the assumed 24 h
 */
public record KeyTimeline(
    Instant createdAt, Instant expiresAt, Instant dueAt, boolean expiryKnown) {

  public Duration age(Instant now) {
    return Duration.between(createdAt, now);
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public boolean isDue(Instant now) {
    return !now.isBefore(dueAt);
  }
}
