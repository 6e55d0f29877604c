package dev.qmcookie.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/** Shows instants in the user's zone, and how far they are from now. */
final class Times {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  private final Supplier<ZoneId> zone;
  private final Instant now;

  /** @param zone asked only when an absolute time is shown; see {@link CliContext#zone()} */
  Times(Supplier<ZoneId> zone, Instant now) {
    this.zone = zone;
    this.now = now;
  }

  Instant now() {
    return now;
  }

  String at(Instant instant) {
    return instant == null ? "-" : FORMAT.format(instant.atZone(zone.get()));
  }

  /** {@code in 3h 2m} or {@code 3h 2m ago}. */
  String relative(Instant instant) {
    Duration d = Duration.between(now, instant);
    return d.isNegative() ? Durations.format(d) + " ago" : "in " + Durations.format(d);
  }

  /** {@code 2026-11-24 06:00:00 +08:00 (in 3h 2m)}. */
  String atWithRelative(Instant instant) {
    return at(instant) + " (" + relative(instant) + ")";
  }
}
