package dev.qmcookie.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long the shared store has been silent, so that an outage is alerted once, after {@link
 * #ALERT_AFTER}, and its end is told. Reads and turns that could not reach the store count; a read
 * that did ends the outage. Time comes from the daemon's clock.
 */
final class StoreOutage {
  /** How long the store may be silent before the alert: a restart or a failover is shorter. */
  static final Duration ALERT_AFTER = Duration.ofMinutes(10);

  /** What one fault means for the alert. */
  enum Fault {
    /** The first of an outage: worth one line in the log. */
    FIRST,
    /** The outage has lasted {@link #ALERT_AFTER}: alert now, and only now. */
    ALERT,
    /** Nothing new to tell. */
    QUIET
  }

  private final Clock clock;
  private Instant since;
  private boolean alerted;

  StoreOutage(Clock clock) {
    this.clock = clock;
  }

  /** A read or a turn could not reach the store. */
  Fault failed() {
    Instant now = clock.instant();
    if (since == null) {
      since = now;
      return Fault.FIRST;
    }
    if (alerted || Duration.between(since, now).compareTo(ALERT_AFTER) < 0) {
      return Fault.QUIET;
    }
    alerted = true;
    return Fault.ALERT;
  }

  /**
   * The store answered. Returns when the outage it ends began, if that outage was alerted; a later
   * outage is alerted again.
   */
  Instant answered() {
    Instant alertedSince = alerted ? since : null;
    since = null;
    alerted = false;
    return alertedSince;
  }

  /** When the current outage began, or null when the store last answered. */
  Instant since() {
    return since;
  }
}
