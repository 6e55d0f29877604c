package dev.qmcookie.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * How long the shared store has been failing, so that an outage is alerted once, after {@link
 * #ALERT_AFTER}, and its end is told. Reads and renewals fail apart: a Redis that refuses writes
 * (out of memory, a failed snapshot, a read-only replica) still answers reads, so the outage ends
 * only when every kind of operation that failed has succeeded again. Time comes from the daemon's
 * clock.
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

  /** The kinds of use of the store that fail apart. */
  enum Operation {
    /** Reading the accounts: their names and documents. */
    READ,
    /** A renewal's turn: its lease and its compare-and-set write. */
    RENEWAL
  }

  private final Clock clock;
  private final Set<Operation> failing = EnumSet.noneOf(Operation.class);
  private Instant since;
  private boolean alerted;

  StoreOutage(Clock clock) {
    this.clock = clock;
  }

  /** An operation of this kind could not reach the store, or the store refused it. */
  Fault failed(Operation operation) {
    Instant now = clock.instant();
    failing.add(operation);
    if (since == null) {
      since = now;
      return Fault.FIRST;
    }
    return tick();
  }

  /**
   * The time alone, with no new fault: {@link Fault#ALERT} once an outage under way has lasted
   * {@link #ALERT_AFTER} and was not alerted yet, else {@link Fault#QUIET}. Failing turns come on a
   * growing backoff, so waiting for the next one would alert minutes late.
   */
  Fault tick() {
    if (since == null
        || alerted
        || Duration.between(since, clock.instant()).compareTo(ALERT_AFTER) < 0) {
      return Fault.QUIET;
    }
    alerted = true;
    return Fault.ALERT;
  }

  /** Whether the last operation of this kind failed. */
  boolean failing(Operation operation) {
    return failing.contains(operation);
  }

  /**
   * An operation of this kind succeeded. When no other kind is failing, the outage is over: returns
   * when it began, if it was alerted; a later outage is alerted again.
   */
  Instant answered(Operation operation) {
    failing.remove(operation);
    if (!failing.isEmpty()) {
      return null;
    }
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
