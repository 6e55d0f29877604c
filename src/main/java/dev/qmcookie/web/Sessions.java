package dev.qmcookie.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The page's sign-ins: each a random 256-bit id, carried in the session cookie, with its own CSRF
 * token, ending after {@link #LIFETIME}. Kept in memory only, so a restart signs everyone out.
 */
public final class Sessions {
  /** How long a sign-in lasts. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  /**
   * The most sessions at once; the oldest is dropped for a new one. A person signs in from a few
   * devices, and a flood of sign-ins (each needs the token) cannot grow the map.
   */
  public static final int MOST = 64;

  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  /**
   * One sign-in.
   *
   * @param id the session cookie's value
   * @param csrf what every POST must send as {@code X-CSRF-Token}
   */
  public record Session(String id, String csrf, Instant expiresAt) {
    @Override
    public String toString() {
      return "Session{expires " + expiresAt + "}";
    }
  }

  private final SecureRandom random;
  private final Clock clock;
  // In the order made, so the first is the oldest.
  private final Map<String, Session> live = new LinkedHashMap<>();

  public Sessions(SecureRandom random, Clock clock) {
    this.random = random;
    this.clock = clock;
  }

  /** A new session, for a right token. */
  public synchronized Session open() {
    dropExpired();
    while (live.size() >= MOST) {
      Iterator<String> oldest = live.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    Session session = new Session(randomText(), randomText(), clock.instant().plus(LIFETIME));
    live.put(session.id(), session);
    return session;
  }

  /** The live session of that id; empty for an unknown, dropped or expired one. */
  public synchronized Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session session = live.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(session.expiresAt())) {
      live.remove(id);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  /** Ends the session. */
  public synchronized void close(String id) {
    live.remove(id);
  }

  private void dropExpired() {
    Instant now = clock.instant();
    live.values().removeIf(s -> !now.isBefore(s.expiresAt()));
  }

  private String randomText() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return TEXT.encodeToString(bytes);
  }
}
