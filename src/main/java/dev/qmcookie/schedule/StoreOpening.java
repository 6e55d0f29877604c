package dev.qmcookie.schedule;

import dev.qmcookie.failure.FailureText;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.renew.Sleeper;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Opens the daemon's vault while its shared store may be down, as after a reboot during an outage:
 * a store that cannot be reached is tried again, 1 s, 2 s, 4 s … up to a minute apart, each failure
 * logged, and alerted once after {@link StoreOutage#ALERT_AFTER} as a running daemon would. Any
 * other failure (a wrong key, a bad address) is thrown at once: waiting cannot fix it.
 */
final class StoreOpening {
  static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

  private final EventLog log;
  private final Hooks hooks;
  private final Notifier notifier;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * @param notifier null without a notify URL
   */
  StoreOpening(EventLog log, Hooks hooks, Notifier notifier, Clock clock, Sleeper sleeper) {
    this.log = log;
    this.hooks = hooks;
    this.notifier = notifier;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  Vault open(DaemonSetup.VaultOpener opener) throws IOException, InterruptedException {
    StoreOutage outage = new StoreOutage(clock);
    Duration wait = FIRST_WAIT;
    while (true) {
      try {
        Vault vault = opener.open();
        Instant since = outage.answered(StoreOutage.Operation.READ);
        if (since != null) {
          log.log(
              "store-back",
              null,
              EventLog.fields("down", Duration.between(since, clock.instant()).toSeconds() + "s"));
        }
        return vault;
      } catch (IOException | RuntimeException e) {
        if (!Verdict.STORE_UNREACHABLE.explains(e)) {
          throw e;
        }
        String message =
            FailureText.describe(
                Verdict.STORE_UNREACHABLE.in(e).map(Throwable.class::cast).orElse(e));
        log.log(
            "error",
            null,
            EventLog.fields(
                "message",
                "cannot open the store: "
                    + message
                    + "; trying again in "
                    + wait.toSeconds()
                    + "s"));
        if (outage.failed(StoreOutage.Operation.READ) == StoreOutage.Fault.ALERT) {
          StoreAlert.send(
              log,
              hooks,
              notifier,
              outage.since(),
              message,
              "the daemon has not started and keeps trying; every export keeps its last cookie");
        }
        sleeper.sleep(wait);
        wait =
            wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
      }
    }
  }
}
