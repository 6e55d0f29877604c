package dev.qmcookie.cookie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.failure.InvalidInputException;
import java.util.List;

/** Shared JSON plumbing of the JSON-based formats. */
final class JsonCookies {
  private JsonCookies() {}

  static JsonNode parse(String text, String what) {
    try {
      return JsonTrees.read(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(what + " is not valid JSON (" + JsonTrees.position(e) + ")");
    }
  }

  /** A text field, or null when absent; numbers and booleans are read as their text. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static boolean bool(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.asBoolean(false);
  }

  /** Unix seconds from a number (fractions dropped), or {@link Cookie#SESSION}. */
  static long epoch(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Cookie.SESSION;
    }
    if (!v.isNumber() && !(v.isTextual() && v.asText().matches("-?\\d+(\\.\\d+)?"))) {
      return Long.MIN_VALUE;
    }
    double d = v.asDouble();
    return d <= 0 ? Cookie.SESSION : (long) d;
  }

  /** The cookie's name, value, path and flags common to every JSON format; problems are added. */
  static Cookie cookie(JsonNode n, int index, String domain, long expires, List<String> problems) {
    String name = text(n, "name");
    if (!n.isObject() || name == null || name.isEmpty()) {
      problems.add("cookie #" + (index + 1) + " has no name");
      return null;
    }
    if (expires == Long.MIN_VALUE) {
      problems.add("cookie " + name + " has an expiry that is not a number");
      return null;
    }
    if (domain == null || domain.isEmpty()) {
      problems.add("cookie " + name + " has no domain");
      return null;
    }
    return new Cookie(
        name,
        text(n, "value"),
        domain,
        text(n, "path"),
        expires,
        bool(n, "httpOnly"),
        bool(n, "secure"),
        SameSite.parse(text(n, "sameSite")));
  }
}
