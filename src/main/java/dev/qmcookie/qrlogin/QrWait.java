package dev.qmcookie.qrlogin;

import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.renew.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The pause between two polls of a flow, and the end of its time to be scanned. */
final class QrWait {
  private final Clock clock;
  private final Sleeper sleeper;
  private final Instant deadline;
  private final Duration timeout;

  QrWait(Clock clock, Sleeper sleeper, Duration timeout) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.timeout = timeout;
    this.deadline = clock.instant().plus(timeout);
  }

  /** Sleeps {@code pause}, then fails when the time to confirm the login is over. */
  void pause(Duration pause) {
    try {
      sleeper.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientFailureException("the QR login was interrupted; nothing was stored", 0, e);
    }
    if (!clock.instant().isBefore(deadline)) {
      throw new LoginInvalidException(
          "no login was confirmed on the phone within "
              + timeout.toSeconds()
              + "s; nothing was stored, run login --qr again (--timeout gives more time)",
          0);
    }
  }
}
