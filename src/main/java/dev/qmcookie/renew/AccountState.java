package dev.qmcookie.renew;

import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.Verdict;
import java.time.Instant;
import java.util.Optional;

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
  NEEDS_LOGIN("needs-login"),
  /** The server wants a security check done in the browser that logged in. */
  NEEDS_VERIFICATION("needs-verification"),
  /** The server reported the account unbound, restricted or banned. */
  ACCOUNT_PROBLEM("account-problem"),
  /** Due, but the last try met the account's device limit: the next one waits. */
  DEVICE_LIMIT("device-limit"),
  /** Due, but the last try was refused as too frequent: the next one waits. */
  TOO_FREQUENT("too-frequent");

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

  /** True when only a person can help. */
  public boolean needsHuman() {
    return this == EXPIRED
        || this == NEEDS_LOGIN
        || this == NEEDS_VERIFICATION
        || this == ACCOUNT_PROBLEM;
  }

  /**
   * @param lastAttempt the last renewal attempt, or null
   * @param storedAt when the stored cookie was last written (imported or renewed), or null
   */
  public static AccountState of(
      KeyTimeline timeline, Instant now, RenewalAttempt lastAttempt, Instant storedAt) {
    return of(timeline, now, lastAttempt, storedAt, false, null);
  }

  /**
   * @param lastAttempt the last renewal attempt, or null
   * @param storedAt when the stored cookie was last written (imported or renewed), or null
   * @param hasRefreshKey whether the account holds a non-empty {@code refresh_key}
   * @param lastCheck the last live check, or null
   */
  public static AccountState of(
      KeyTimeline timeline,
      Instant now,
      RenewalAttempt lastAttempt,
      Instant storedAt,
      boolean hasRefreshKey,
      ServerCheck lastCheck) {
    AccountState state =
        fromTheKeyAndTheLastAttempt(timeline, now, lastAttempt, storedAt, hasRefreshKey);
    // A key that should still be valid but that the server refused at the last live check needs a
    // login too, until a newer cookie is stored.
    boolean shouldBeValid = state == FRESH || state == DUE;
    if (shouldBeValid
        && lastCheck != null
        && lastCheck.refused()
        && (storedAt == null || !storedAt.isAfter(lastCheck.at()))) {
      return NEEDS_LOGIN;
    }
    return state;
  }

  private static AccountState fromTheKeyAndTheLastAttempt(
      KeyTimeline timeline,
      Instant now,
      RenewalAttempt lastAttempt,
      Instant storedAt,
      boolean hasRefreshKey) {
    // The last attempt's verdict stands until a newer cookie is stored.
    Optional<Verdict> verdict =
        lastAttempt != null && (storedAt == null || !storedAt.isAfter(lastAttempt.at()))
            ? lastAttempt.verdict()
            : Optional.empty();
    if (verdict.isPresent()) {
      switch (verdict.get()) {
        case NEEDS_LOGIN:
          return NEEDS_LOGIN;
        case NEEDS_VERIFICATION:
          return NEEDS_VERIFICATION;
        case ACCOUNT_PROBLEM:
          return ACCOUNT_PROBLEM;
        default:
          break;
      }
    }
    if (timeline.isExpired(now)) {
      return hasRefreshKey ? EXPIRED_RENEWABLE : EXPIRED;
    }
    if (!timeline.isDue(now)) {
      return FRESH;
    }
    if (verdict.isPresent() && verdict.get() == Verdict.DEVICE_LIMIT) {
      return DEVICE_LIMIT;
    }
    if (verdict.isPresent() && verdict.get() == Verdict.TOO_FREQUENT) {
      return TOO_FREQUENT;
    }
    return DUE;
  }

  @Override
  public String toString() {
    return id;
  }
}
