package dev.qmcookie.cookie;

import java.time.Instant;

/**
 * The record of one renewal attempt, as kept in an account's history and shown by {@code status}.
 * It never holds a secret: the message is one of qmcookie's own, already masked.
 *
 * @param at when the attempt started
 * @param outcome {@code renewed}, {@code login-invalid}, {@code transient} or {@code not-saved}
 * @param code the server's code or HTTP status, 0 when there was none
 * @param durationMillis how long it took, retries included
 * @param tries how many requests were sent
 * @param via {@code http} or {@code browser}
 * @param message a one-line summary
 */
public record RenewalAttempt(
    Instant at,
    String outcome,
    int code,
    long durationMillis,
    int tries,
    String via,
    String message) {

  public static final String RENEWED = "renewed";
  public static final String LOGIN_INVALID = "login-invalid";
  public static final String TRANSIENT = "transient";

  /** The server renewed the login, but the new cookie could not be stored as the account's. */
  public static final String NOT_SAVED = "not-saved";

  public boolean succeeded() {
    return RENEWED.equals(outcome);
  }

  public boolean loginInvalid() {
    return LOGIN_INVALID.equals(outcome);
  }
}
