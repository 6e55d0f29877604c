package dev.qmcookie.renew;

import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import java.time.Instant;

/** Where an account stands, as {@code status} shows it. */
public enum AccountState {
  /** The key is valid and not yet due. */
  FRESH("fresh"),
  /** The key is valid and should be renewed now. */
  DUE("due"),
  /** The key is past its expiry: renewal cannot help, a new login is needed. */
  EXPIRED("expired"),
  /** The server said the login is no longer valid: a new login is needed. */
  NEEDS_LOGIN("needs-login");

  private final String id;

  AccountState(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** True when only a new login can help. */
  public boolean needsHuman() {
    return this == EXPIRED || this == NEEDS_LOGIN;
  }

  /**
   * @param lastAttempt the last renewal attempt, or null
   * @param storedAt when the stored cookie was last written (imported or renewed), or null
   */
  public static AccountState of(
      KeyTimeline timeline, Instant now, RenewalAttempt lastAttempt, Instant storedAt) {
    // A login-invalid verdict stands until a newer cookie is stored.
    if (lastAttempt != null
        && lastAttempt.loginInvalid()
        && (storedAt == null || !storedAt.isAfter(lastAttempt.at()))) {
      return NEEDS_LOGIN;
    }
    if (timeline.isExpired(now)) {
      return EXPIRED;
    }
    return timeline.isDue(now) ? DUE : FRESH;
  }

  /**
   * As {@link #of(KeyTimeline, Instant, RenewalAttempt, Instant)}, and a key that should still be
   * valid but that the server refused at the last live check needs a login too, until a newer
   * cookie is stored.
   *
   * @param lastCheck the last live check, or null
   */
  public static AccountState of(
      KeyTimeline timeline,
      Instant now,
      RenewalAttempt lastAttempt,
      Instant storedAt,
      ServerCheck lastCheck) {
    AccountState state = of(timeline, now, lastAttempt, storedAt);
    boolean shouldBeValid = state == FRESH || state == DUE;
    if (shouldBeValid
        && lastCheck != null
        && lastCheck.refused()
        && (storedAt == null || !storedAt.isAfter(lastCheck.at()))) {
      return NEEDS_LOGIN;
    }
    return state;
  }

  @Override
  public String toString() {
    return id;
  }
}
