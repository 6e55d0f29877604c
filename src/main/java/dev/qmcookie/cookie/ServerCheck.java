package dev.qmcookie.cookie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What the server said when asked whether a stored cookie is still logged in, without renewing it.
 * It never holds a secret: the reason is one of qmcookie's own lines, server text already cleaned.
 *
 * @param at when the question was asked
 * @param result the answer
 * @param code the server's top-level code, or the HTTP status of a failed request; 0 when none
 * @param reason why the result is {@link Result#UNKNOWN}; empty otherwise
 */
public record ServerCheck(Instant at, Result result, int code, String reason) {

  /** The three answers a check can have. */
  public enum Result {
    /** The server treats the cookie as logged in. */
    ACCEPTED,
    /** The server answered, and not as logged in: the code says why. */
    REFUSED,
    /** No usable answer: a network fault, a timeout, an HTTP error or a page instead of JSON. */
    UNKNOWN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Result of(String id) {
      return Result.valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  public ServerCheck {
    reason = reason == null ? "" : reason;
  }

  public static ServerCheck accepted(Instant at) {
    return new ServerCheck(at, Result.ACCEPTED, 0, "");
  }

  public static ServerCheck refused(Instant at, int code) {
    return new ServerCheck(at, Result.REFUSED, code, "");
  }

  public static ServerCheck unknown(Instant at, int code, String reason) {
    return new ServerCheck(at, Result.UNKNOWN, code, reason);
  }

  public boolean refused() {
    return result == Result.REFUSED;
  }

  /**
   * {@code accepted}, {@code refused} or {@code unknown (<reason>)}, as {@code status} shows it.
   */
  public String describe() {
    return result == Result.UNKNOWN ? "unknown (" + reason + ")" : result.id();
  }

  /** Writes the fields of {@code serverCheck} and {@code last-check.json}: the one place. */
  public ObjectNode writeTo(ObjectNode node) {
    node.put("result", result.id());
    node.put("at", at.toString());
    node.put("code", code);
    if (result == Result.UNKNOWN) {
      node.put("reason", reason);
    }
    return node;
  }

  /**
   * Reads a check written by {@link #writeTo}.
   *
   * @throws IllegalArgumentException when the node holds no readable time or result
   */
  public static ServerCheck readFrom(JsonNode node) {
    try {
      return new ServerCheck(
          Instant.parse(node.path("at").asText()),
          Result.of(node.path("result").asText()),
          node.path("code").asInt(),
          node.path("reason").asText(""));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("a check without a readable time", e);
    }
  }
}
