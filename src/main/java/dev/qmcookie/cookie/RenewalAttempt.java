package dev.qmcookie.cookie;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /**
   * Writes this attempt's fields into {@code node}, the one place that spells them.
   *
   * @param timeKey the key of its time: {@code "time"} in the history files, {@code "at"} under
   *     {@code lastRenewal} in {@code status --json} and the JSON export (both are read by others)
   */
  public ObjectNode writeTo(ObjectNode node, String timeKey) {
    node.put(timeKey, at.toString());
    node.put("outcome", outcome);
    node.put("code", code);
    node.put("durationMs", durationMillis);
    node.put("tries", tries);
    node.put("via", via);
    node.put("message", message);
    return node;
  }

  public boolean succeeded() {
    return RENEWED.equals(outcome);
  }

  public boolean loginInvalid() {
    return LOGIN_INVALID.equals(outcome);
  }
}
