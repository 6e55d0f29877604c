package dev.qmcookie.account;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/** Shows instants in the user's zone, and how far they are from now. */
public final class Times {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  private final Supplier<ZoneId> zone;
  private final Instant now;

  /**
   * @param zone asked only when an absolute time is shown: looking up the system's zone reads the
   *     time-zone database, a sixth of a cold start
   */
  public Times(Supplier<ZoneId> zone, Instant now) {
    this.zone = zone;
    this.now = now;
  }

  public Instant now() {
    return now;
  }

  public String at(Instant instant) {
    return instant == null ? "-" : FORMAT.format(instant.atZone(zone.get()));
  }

  /** {@code in 3h 2m} or {@code 3h 2m ago}. */
  public String relative(Instant instant) {
    Duration d = Duration.between(now, instant);
    return d.isNegative() ? duration(d) + " ago" : "in " + duration(d);
  }

  /** {@code 2026-11-24 06:00:00 +08:00 (in 3h 2m)}. */
  public String atWithRelative(Instant instant) {
    return at(instant) + " (" + relative(instant) + ")";
  }

  /** Short human form: {@code 2d 3h}, {@code 3h 5m}, {@code 42s}. */
  public static String duration(Duration d) {
    long s = Math.abs(d.getSeconds());
    long days = s / 86400;
    long hours = s % 86400 / 3600;
    long minutes = s % 3600 / 60;
    long seconds = s % 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + minutes + "m";
    }
    if (minutes > 0) {
      return minutes + "m " + seconds + "s";
    }
    return seconds + "s";
  }
}
