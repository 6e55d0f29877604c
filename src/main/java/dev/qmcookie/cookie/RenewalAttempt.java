package dev.qmcookie.cookie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.failure.Verdict;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The record of one renewal attempt, as kept in an account's history and shown by {@code status}.
 * It never holds a secret: the message is one of qmcookie's own, already masked.
 *
 * @param at when the attempt started
 * @param outcome {@code renewed}, {@code not-saved}, or what a failure came to ({@link #outcomeOf})
 * @param code the server's code or HTTP status, 0 when there was none
 * @param durationMillis how long it took, retries included
 * @param tries how many requests were sent
 * @param via {@code http} or {@code browser}
 * @param message a one-line summary
 * @param feedbackUrl the server's link for a security check (http(s), checked), or null
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
    String feedbackUrl,
    List<String> shapes) {

  public RenewalAttempt {
    shapes = shapes == null ? List.of() : List.copyOf(shapes);
  }

  public static final String RENEWED = "renewed";
  public static final String LOGIN_INVALID = "login-invalid";
  public static final String TRANSIENT = "transient";
  public static final String NEEDS_VERIFICATION = Verdict.NEEDS_VERIFICATION.id();
  public static final String ACCOUNT_PROBLEM = Verdict.ACCOUNT_PROBLEM.id();
  public static final String DEVICE_LIMIT = Verdict.DEVICE_LIMIT.id();
  public static final String TOO_FREQUENT = Verdict.TOO_FREQUENT.id();
  public static final String REQUEST_REFUSED = Verdict.REQUEST_REFUSED.id();

  /** The server renewed the login, but the new cookie could not be stored as the account's. */
  public static final String NOT_SAVED = "not-saved";

  /** The key of an attempt's time, in every file and output that holds an attempt. */
  public static final String TIME_KEY = "at";

  // Files written before 0.2.0 spelled the time "time"; they are still read.
  private static final String OLD_TIME_KEY = "time";

  public RenewalAttempt(
      Instant at,
      String outcome,
      int code,
      long durationMillis,
      int tries,
      String via,
      String message) {
    this(at, outcome, code, durationMillis, tries, via, message, null, List.of());
  }

  /**
   * The outcome a failure with {@code verdict} is recorded as; a refused login and a passing fault
   * keep the names older files hold.
   */
  public static String outcomeOf(Verdict verdict) {
    return switch (verdict) {
      case NEEDS_LOGIN -> LOGIN_INVALID;
      case PASSING -> TRANSIENT;
      default -> verdict.id();
    };
  }

  /** The verdict this attempt recorded, or empty for a renewal or an outcome not known here. */
  public Optional<Verdict> verdict() {
    if (LOGIN_INVALID.equals(outcome)) {
      return Optional.of(Verdict.NEEDS_LOGIN);
    }
    if (TRANSIENT.equals(outcome)) {
      return Optional.of(Verdict.PASSING);
    }
    return Arrays.stream(Verdict.values()).filter(v -> v.id().equals(outcome)).findFirst();
  }

  /** Writes this attempt's fields into {@code node}: the one place that spells them. */
  public ObjectNode writeTo(ObjectNode node) {
    node.put(TIME_KEY, at.toString());
    node.put("outcome", outcome);
    node.put("code", code);
    node.put("durationMs", durationMillis);
    node.put("tries", tries);
    node.put("via", via);
    node.put("message", message);
    if (feedbackUrl != null) {
      node.put("feedbackUrl", feedbackUrl);
    }
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
          node.path("feedbackUrl").textValue(),
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
