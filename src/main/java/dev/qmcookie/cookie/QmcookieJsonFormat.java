package dev.qmcookie.cookie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.failure.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * qmcookie's own document: every cookie with all attributes, plus the metadata. The vault stores
 * it, {@code export --format json} writes it, {@code import} reads it back. Documented in the
 * README.
 */
final class QmcookieJsonFormat {
  static final String FORMAT = "qmcookie";
  static final int VERSION = 1;

  private QmcookieJsonFormat() {}

  static boolean looksLike(JsonNode root) {
    return root.isObject() && FORMAT.equals(root.path("format").asText());
  }

  static CookieRecord parse(JsonNode root) {
    int version = root.path("version").asInt(0);
    if (version < 1 || version > VERSION) {
      throw new InvalidInputException(
          "this qmcookie document has version "
              + root.path("version").asText("(none)")
              + ", but this qmcookie reads version "
              + VERSION
              + "; upgrade qmcookie");
    }
    List<Cookie> cookies = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    JsonNode array = root.path("cookies");
    if (!array.isArray()) {
      problems.add("no \"cookies\" array");
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      Cookie c =
          JsonCookies.cookie(
              n, i, JsonCookies.text(n, "domain"), JsonCookies.epoch(n, "expires"), problems);
      if (c != null) {
        cookies.add(c);
      }
    }
    CookieMetadata metadata = metadata(root.path("metadata"), problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("the qmcookie JSON document is malformed", problems);
    }
    return new CookieRecord(CookieSet.of(cookies), metadata);
  }

  static String write(CookieRecord record, RenewalAttempt lastRenewal) {
    ObjectNode root = JsonTrees.object();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    CookieMetadata m = record.metadata();
    ObjectNode meta = root.putObject("metadata");
    putNumber(meta, "keyExpiresIn", m.keyExpiresIn());
    meta.put("refreshKey", m.refreshKey());
    meta.put("userAgent", m.userAgent());
    meta.put("importedAt", text(m.importedAt()));
    meta.put("renewedAt", text(m.renewedAt()));
    meta.put("source", m.source());
    meta.put("shape", m.shape());
    meta.put("shapeSince", text(m.shapeSince()));
    if (lastRenewal != null) {
      lastRenewal.writeTo(root.putObject("lastRenewal"));
    }
    ArrayNode array = root.putArray("cookies");
    for (Cookie c : record.cookies()) {
      ObjectNode n = array.addObject();
      n.put("name", c.name());
      n.put("value", c.value());
      n.put("domain", c.domain());
      n.put("path", c.path());
      n.put("expires", c.expires());
      n.put("httpOnly", c.httpOnly());
      n.put("secure", c.secure());
      n.put("sameSite", c.sameSite().attributeValue());
    }
    return JsonTrees.pretty(root);
  }

  private static CookieMetadata metadata(JsonNode meta, List<String> problems) {
    if (!meta.isObject()) {
      return CookieMetadata.NONE;
    }
    JsonNode expiresIn = meta.get("keyExpiresIn");
    Long keyExpiresIn = null;
    if (expiresIn != null && !expiresIn.isNull()) {
      if (expiresIn.canConvertToLong() && expiresIn.isIntegralNumber()) {
        keyExpiresIn = expiresIn.asLong();
      } else {
        problems.add("metadata.keyExpiresIn is not a whole number");
      }
    }
    // Renewal sends the user agent as a header: a line break in it would add a header of its own.
    String userAgent = JsonCookies.text(meta, "userAgent");
    String bad = userAgent == null ? null : CookieRules.unsafeCharacter(userAgent, false);
    if (bad != null) {
      problems.add("metadata.userAgent contains " + bad);
    }
    return new CookieMetadata(
        keyExpiresIn,
        JsonCookies.text(meta, "refreshKey"),
        userAgent,
        instant(meta, "importedAt", problems),
        instant(meta, "renewedAt", problems),
        JsonCookies.text(meta, "source"),
        shape(meta),
        instant(meta, "shapeSince", problems));
  }

  // Only a hint for the next renewal: one this qmcookie does not know is forgotten, not an error
  // that would lock the cookie away, and no other text reaches the status output.
  private static String shape(JsonNode meta) {
    String shape = JsonCookies.text(meta, "shape");
    return shape != null && shape.matches("[ab]") ? shape : null;
  }

  private static Instant instant(JsonNode meta, String field, List<String> problems) {
    String text = JsonCookies.text(meta, field);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      problems.add("metadata." + field + " is not an ISO-8601 time");
      return null;
    }
  }

  private static void putNumber(ObjectNode node, String field, Long value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
