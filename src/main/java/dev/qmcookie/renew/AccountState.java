package dev.qmcookie.renew;

import dev.qmcookie.cookie.RenewalAttempt;
import java.time.Instant;

/** Where an account stands, as {@code status} shows it. */
public enum AccountState {
  /** The key is valid and not yet due. */
  FRESH("fresh"),
  /** The key is valid and should be renewed now. */
  DUE("due"),
  /** The key is past its expiry: renewal cannot help, a new login is needed. */
  EXPIRED("expired"),
  /**
   * The key is past its expiry, but the account holds a {@code refresh_key}, with which the server
   * may still renew it: renewal is tried, and only a refusal means a new login is needed.
   */
  EXPIRED_RENEWABLE("expired-renewable"),
  /** The server said the login is no longer valid: a new login is needed. */
  NEEDS_LOGIN("needs-login");

  private final String id;

  AccountState(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The state as the terminal shows it. */
  public String label() {
    return this == EXPIRED_RENEWABLE ? "expired (renewable)" : id;
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
    return of(timeline, now, lastAttempt, storedAt, false);
  }

  /**
   * @param lastAttempt the last renewal attempt, or null
   * @param storedAt when the stored cookie was last written (imported or renewed), or null
   * @param hasRefreshKey whether the account holds a non-empty {@code refresh_key}
   */
  public static AccountState of(
      KeyTimeline timeline,
      Instant now,
      RenewalAttempt lastAttempt,
      Instant storedAt,
      boolean hasRefreshKey) {
    // A login-invalid verdict stands until a newer cookie is stored.
    if (lastAttempt != null
        && lastAttempt.loginInvalid()
        && (storedAt == null || !storedAt.isAfter(lastAttempt.at()))) {
      return NEEDS_LOGIN;
    }
    if (timeline.isExpired(now)) {
      return hasRefreshKey ? EXPIRED_RENEWABLE : EXPIRED;
    }
    return timeline.isDue(now) ? DUE : FRESH;
  }

  @Override
  public String toString() {
    return id;
  }
}
