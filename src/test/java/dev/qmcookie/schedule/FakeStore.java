package dev.qmcookie.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Accounts as the vault would show them to the daemon, without files: a key is due 20 hours after
 * it was issued and lives 24; whoever stores a cookie changes its fingerprint.
 */
final class FakeStore {
  static final Duration DUE_AFTER = Duration.ofHours(20);
  static final Duration LIFETIME = Duration.ofHours(24);

  private final Clock clock;
  private final Map<String, Instant> issued = new HashMap<>();
  private final Map<String, Integer> version = new HashMap<>();
  private final Map<String, Boolean> refused = new HashMap<>();

  FakeStore(Clock clock) {
    this.clock = clock;
  }

  /** Stores a cookie whose key was issued now, as import, login or a renewal would. */
  void store(String name) {
    issued.put(name, clock.instant());
    version.merge(name, 1, Integer::sum);
    refused.put(name, false);
  }

  /** The server refused the login: only a human can help now. */
  void refuse(String name) {
    refused.put(name, true);
  }

  AccountView view(String name) {
    Instant at = issued.get(name);
    Instant expires = at.plus(LIFETIME);
    boolean needsLogin = refused.get(name) || !clock.instant().isBefore(expires);
    return new AccountView(
        name, at.plus(DUE_AFTER), expires, needsLogin, name + "#" + version.get(name));
  }
}
