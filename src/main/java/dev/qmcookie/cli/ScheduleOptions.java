package dev.qmcookie.cli;

import dev.qmcookie.renew.RenewalSchedule;
import java.time.Duration;
import picocli.CommandLine.Option;

/** When renewal is due; status and renew must agree on it, so they share this option. */
final class ScheduleOptions {
  @Option(
      names = "--renew-after",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Key age at which renewal is due, like 20h, 90m or PT20H (default: 20h).")
  Duration renewAfter = RenewalSchedule.DEFAULT_RENEW_AFTER;

  RenewalSchedule schedule() {
    return new RenewalSchedule(renewAfter, RenewalSchedule.DEFAULT_LEAD_TIME);
  }
}
