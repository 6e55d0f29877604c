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
 * Counts failed sign-ins, so the token cannot be guessed by trying: after {@link #PER_ADDRESS}
 * failures from one address within {@link #WINDOW}, that address may not try again until the oldest
 * of them leaves the window; after {@link #IN_ALL} failures from every address together, no one
 * may, so that a spread of addresses gains nothing. A refused try is not compared with the token at
 * all: a right token is refused too until the window has passed.
 */
public final class SignInLimiter {
  public static final Duration WINDOW = Duration.ofMinutes(1);
  public static final int PER_ADDRESS = 5;
  public static final int IN_ALL = 30;

  // The addresses remembered at most; those with the oldest failures are forgotten first.
  private static final int ADDRESSES = 1024;

  private final Clock clock;
  private final Map<String, Deque<Instant>> byAddress = new LinkedHashMap<>();
  private final Deque<Instant> all = new ArrayDeque<>();

  public SignInLimiter(Clock clock) {
    this.clock = clock;
  }

  /** How long the address must wait before it may try again; empty when it may try now. */
  public synchronized Optional<Duration> waitFor(String address) {
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
    return until == null ? Optional.empty() : Optional.of(Duration.between(now, until));
  }

  /** Counts one wrong token from the address. */
  public synchronized void failed(String address) {
    Instant now = clock.instant();
    forgetOld(now);
    Deque<Instant> mine = byAddress.remove(address);
    if (mine == null) {
      mine = new ArrayDeque<>();
    }
    mine.addLast(now);
    while (mine.size() > PER_ADDRESS) {
      mine.removeFirst();
    }
    // Re-inserted, so the map's order is that of the latest failure.
    byAddress.put(address, mine);
    if (byAddress.size() > ADDRESSES) {
      Iterator<String> oldest = byAddress.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    all.addLast(now);
    while (all.size() > IN_ALL) {
      all.removeFirst();
    }
  }

  private void forgetOld(Instant now) {
    Instant since = now.minus(WINDOW);
    while (!all.isEmpty() && !all.peekFirst().isAfter(since)) {
      all.removeFirst();
    }
    byAddress
        .values()
        .removeIf(
            failures -> {
              while (!failures.isEmpty() && !failures.peekFirst().isAfter(since)) {
                failures.removeFirst();
              }
              return failures.isEmpty();
            });
  }
}
