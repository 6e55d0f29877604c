package dev.qmcookie.cookie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** Playwright's {@code storageState}: {@code {"cookies":[…],"origins":[]}}. */
final class PlaywrightFormat {
  private PlaywrightFormat() {}

  static boolean looksLike(JsonNode root) {
    return root.isObject() && root.path("cookies").isArray() && !root.has("format");
  }

  static CookieSet parse(JsonNode root) {
    List<Cookie> cookies = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    JsonNode array = root.path("cookies");
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      Cookie c =
          JsonCookies.cookie(
              n, i, JsonCookies.text(n, "domain"), JsonCookies.epoch(n, "expires"), problems);
      if (c != null) {
        cookies.add(c);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("the Playwright storageState is malformed", problems);
    }
    return CookieSet.of(cookies);
  }

  static String write(CookieSet cookies) {
    ObjectNode root = JsonTrees.object();
    ArrayNode array = root.putArray("cookies");
    for (Cookie c : cookies) {
      ObjectNode n = array.addObject();
      n.put("name", c.name());
      n.put("value", c.value());
      n.put("domain", c.domain());
      n.put("path", c.path());
      n.put("expires", c.expires());
      n.put("httpOnly", c.httpOnly());
      n.put("secure", c.secure());
      // Playwright accepts only Strict, Lax or None; browsers treat a missing SameSite as Lax.
      String sameSite = c.sameSite().attributeValue();
      n.put("sameSite", sameSite == null ? "Lax" : sameSite);
    }
    root.putArray("origins");
    return JsonTrees.pretty(root);
  }
}
