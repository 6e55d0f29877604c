package dev.qmcookie.cookie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

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
 * @param shapes the request shape of each request sent, in order ({@code a}, {@code b}); empty via
 *     the browser and in attempts recorded before shapes were
 */
public record RenewalAttempt(
    Instant at,
    String outcome,
    int code,
    long durationMillis,
    int tries,
    String via,
    String message,
    List<String> shapes) {

  public RenewalAttempt {
    shapes = shapes == null ? List.of() : List.copyOf(shapes);
  }

  /** An attempt that sent no request of a known shape. */
  public RenewalAttempt(
      Instant at,
      String outcome,
      int code,
      long durationMillis,
      int tries,
      String via,
      String message) {
    this(at, outcome, code, durationMillis, tries, via, message, List.of());
  }

  public static final String RENEWED = "renewed";
  public static final String LOGIN_INVALID = "login-invalid";
  public static final String TRANSIENT = "transient";

  /** The server renewed the login, but the new cookie could not be stored as the account's. */
  public static final String NOT_SAVED = "not-saved";

  /** The key of an attempt's time, in every file and output that holds an attempt. */
  public static final String TIME_KEY = "at";

  // Files written before 0.2.0 spelled the time "time"; they are still read.
  private static final String OLD_TIME_KEY = "time";

  /** Writes this attempt's fields into {@code node}: the one place that spells them. */
  public ObjectNode writeTo(ObjectNode node) {
    node.put(TIME_KEY, at.toString());
    node.put("outcome", outcome);
    node.put("code", code);
    node.put("durationMs", durationMillis);
    node.put("tries", tries);
    node.put("via", via);
    node.put("message", message);
    if (!shapes.isEmpty()) {
      ArrayNode sent = node.putArray("shapes");
      shapes.forEach(sent::add);
    }
    return node;
  }

  /**
   * Reads an attempt written by {@link #writeTo}, or by a version that used {@code "time"}.
   *
   * @throws IllegalArgumentException when the node holds no readable time
   */
  public static RenewalAttempt readFrom(JsonNode node) {
    JsonNode time = node.hasNonNull(TIME_KEY) ? node.get(TIME_KEY) : node.path(OLD_TIME_KEY);
    try {
      return new RenewalAttempt(
          Instant.parse(time.asText()),
          node.path("outcome").asText(),
          node.path("code").asInt(),
          node.path("durationMs").asLong(),
          node.path("tries").asInt(),
          node.path("via").textValue(),
          node.path("message").textValue(),
          shapes(node.path("shapes")));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("an attempt without a readable time", e);
    }
  }

  private static List<String> shapes(JsonNode array) {
    List<String> shapes = new ArrayList<>();
    for (JsonNode s : array) {
      // Ids only: the history is a file, and what it holds may reach a terminal.
      if (s.isTextual() && s.asText().matches("[a-z]{1,8}")) {
        shapes.add(s.asText());
      }
    }
    return shapes;
  }

  public boolean succeeded() {
    return RENEWED.equals(outcome);
  }

  public boolean loginInvalid() {
    return LOGIN_INVALID.equals(outcome);
  }
}
