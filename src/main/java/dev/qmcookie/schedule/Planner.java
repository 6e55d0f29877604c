package dev.qmcookie.schedule;

import dev.qmcookie.renew.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try an account next: at its due time plus a random jitter, so that many accounts (and
 * many machines) do not call at the same second; after a passing failure, with a backoff from 1
 * minute doubling to 1 hour; never for a login only a human can restore.
 */
public final class Planner {
  /** The most a look at an account held elsewhere is put off beyond the end of that hold. */
  static final Duration SKIP_JITTER = Duration.ofSeconds(30);

  private final Duration maxJitter;
  private final RandomGenerator random;

  public Planner(Duration maxJitter, RandomGenerator random) {
    this.maxJitter = maxJitter;
    this.random = random;
  }

  /**
   * @param failures passing failures in a row since the last success or change
   * @param lastFailure when the last of them happened, or null
   * @return when to try next, or empty when the account needs a new login
   */
  public Optional<Instant> next(AccountView view, int failures, Instant lastFailure) {
    if (view.needsLogin()) {
      return Optional.empty();
    }
    Instant next;
    if (failures > 0 && lastFailure != null) {
      Instant retry = lastFailure.plus(backoff(failures));
      // Past expiry a retry cannot help; the state turns to needs-login then. A key that had
      // expired before it failed is renewable by its refresh_key: capping it at its expiry would
      // retry it at once, in a loop, so the backoff alone decides.
      boolean expiredBefore = !view.expiresAt().isAfter(lastFailure);
      next = expiredBefore || retry.isBefore(view.expiresAt()) ? retry : view.expiresAt();
    } else {
      Instant withJitter = view.dueAt().plus(jitter());
      next = withJitter.isBefore(view.expiresAt()) ? withJitter : view.dueAt();
    }
    // The server asked for patience, also before this daemon started.
    if (view.notBefore() != null && next.isBefore(view.notBefore())) {
      next = view.notBefore();
    }
    return Optional.of(next);
  }

  /**
   * When to look again at an account another host holds: when its hold runs out, plus a jitter of
   * up to {@link #SKIP_JITTER} (or {@code --jitter}, if less), so that the hosts left do not all
   * ask at the same instant.
   */
  public Instant afterSkip(Instant holdEnds) {
    Duration bound = maxJitter.compareTo(SKIP_JITTER) < 0 ? maxJitter : SKIP_JITTER;
    return holdEnds.plus(jitter(bound));
  }

  /** The pause after {@code failures} passing failures in a row: 1m, 2m, 4m … 1h. */
  public static Duration backoff(int failures) {
    return Backoff.DAEMON.pauseAfter(failures);
  }

  private Duration jitter() {
    return jitter(maxJitter);
  }

  private Duration jitter(Duration max) {
    long bound = max.toMillis();
    return bound <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(bound + 1));
  }
}
