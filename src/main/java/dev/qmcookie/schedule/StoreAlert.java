package dev.qmcookie.schedule;

import dev.qmcookie.failure.ExitStatus;
import dev.qmcookie.failure.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * The one alert of a shared store that has not answered for {@link StoreOutage#ALERT_AFTER}: the
 * event {@code store-unreachable}, {@code --on-failure} and the notification, all for the whole
 * store ({@code QMCOOKIE_ACCOUNT} empty), as every account meets the same fault.
 */
final class StoreAlert {
  private StoreAlert() {}

  /**
   * @param notifier null without a notify URL
   * @param message the store's own words
   * @param meanwhile what the daemon does while the store is silent
   */
  static void send(
      EventLog log,
      Hooks hooks,
      Notifier notifier,
      Instant since,
      String message,
      String meanwhile) {
    String text =
        "the shared store has not answered for "
            + StoreOutage.ALERT_AFTER.toMinutes()
            + " minutes ("
            + message
            + "); "
            + meanwhile;
    Outcome down =
        new Outcome(
            Outcome.Kind.TRANSIENT, ExitStatus.TRANSIENT, "", text, Verdict.STORE_UNREACHABLE.id());
    log.log(Verdict.STORE_UNREACHABLE.id(), null, EventLog.fields("since", since, "message", text));
    hooks.run("", down, down.state(), List.of());
    if (notifier != null) {
      notifier.send(down.state(), null, down.state(), down.exitCode(), text);
    }
  }
}
