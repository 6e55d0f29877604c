package dev.qmcookie.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts sign-in tries, so the token cannot be guessed by trying: after {@link #PER_ADDRESS} wrong
 * tries from one address within {@link #WINDOW}, that address gets no more wrong tries until the
 * oldest of them leaves the window; after {@link #IN_ALL} from every address together, no one does,
 * so that a spread of addresses gains nothing. A try is counted before its token is compared, so
 * parallel tries cannot slip past the count; a right token is not limited (it is forgiven by {@link
 * #succeeded}), so that strangers behind the same proxy cannot lock the owner out.
 */
public final class SignInLimiter {
  public static final Duration WINDOW = Duration.ofMinutes(1);
  public static final int PER_ADDRESS = 5;
  public static final int IN_ALL = 30;

  // The addresses remembered at most; those with the oldest tries are forgotten first.
  private static final int ADDRESSES = 1024;

  private final Clock clock;
  private final Map<String, Deque<Instant>> byAddress = new LinkedHashMap<>();
  private final Deque<Instant> all = new ArrayDeque<>();

  public SignInLimiter(Clock clock) {
    this.clock = clock;
  }

  /**
   * Counts one try from the address, before its token is compared; when the address or everyone is
   * over the limit it is not counted, and the answer is how long to wait.
   *
   * @return empty when the try is counted (call {@link #succeeded} if its token is right)
   */
  public synchronized Optional<Duration> tryAcquire(String address) {
    Instant now = clock.instant();
    forgetOld(now);
    Instant until = null;
    Deque<Instant> mine = byAddress.get(address);
    if (mine != null && mine.size() >= PER_ADDRESS) {
      until = mine.peekFirst().plus(WINDOW);
    }
    if (all.size() >= IN_ALL) {
      Instant global = all.peekFirst().plus(WINDOW);
      until = until == null || global.isAfter(until) ? global : until;
    }
    if (until != null) {
      return Optional.of(Duration.between(now, until));
    }
    record(address, now);
    return Optional.empty();
  }

  /** Forgets the address's latest counted try: its token was right. */
  public synchronized void succeeded(String address) {
    Deque<Instant> mine = byAddress.get(address);
    if (mine == null || mine.isEmpty()) {
      return;
    }
    Instant latest = mine.removeLast();
    if (mine.isEmpty()) {
      byAddress.remove(address);
    }
    all.removeLastOccurrence(latest);
  }

  private void record(String address, Instant now) {
    Deque<Instant> mine = byAddress.remove(address);
    if (mine == null) {
      mine = new ArrayDeque<>();
    }
    mine.addLast(now);
    // Re-inserted, so the map's order is that of the latest try.
    byAddress.put(address, mine);
    if (byAddress.size() > ADDRESSES) {
      Iterator<String> oldest = byAddress.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    all.addLast(now);
  }

  private void forgetOld(Instant now) {
    Instant since = now.minus(WINDOW);
    while (!all.isEmpty() && !all.peekFirst().isAfter(since)) {
      all.removeFirst();
    }
    byAddress
        .values()
        .removeIf(
            tries -> {
              while (!tries.isEmpty() && !tries.peekFirst().isAfter(since)) {
                tries.removeFirst();
              }
              return tries.isEmpty();
            });
  }
}
