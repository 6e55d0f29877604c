package dev.qmcookie.cookie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON array written by the Cookie-Editor and EditThisCookie browser extensions, with
 * chrome.cookies field names ({@code hostOnly}, {@code expirationDate}, {@code no_restriction}).
 */
final class CookieEditorFormat {
  private CookieEditorFormat() {}

  static CookieSet parse(JsonNode array) {
    List<Cookie> cookies = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      String domain = JsonCookies.text(n, "domain");
      if (domain != null && n.has("hostOnly")) {
        domain = CookieFormats.domainFor(domain, JsonCookies.bool(n, "hostOnly"));
      }
      long expires =
          JsonCookies.bool(n, "session") ? Cookie.SESSION : JsonCookies.epoch(n, "expirationDate");
      Cookie c = JsonCookies.cookie(n, i, domain, expires, problems);
      if (c != null) {
        cookies.add(c);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("the Cookie-Editor JSON is malformed", problems);
    }
    return CookieSet.of(cookies);
  }

  static String write(CookieSet cookies) {
    ArrayNode array = JsonTrees.array();
    for (Cookie c : cookies) {
      ObjectNode n = array.addObject();
      n.put("domain", c.domain());
      if (!c.isSession()) {
        n.put("expirationDate", c.expires());
      }
      n.put("hostOnly", !c.includesSubdomains());
      n.put("httpOnly", c.httpOnly());
      n.put("name", c.name());
      n.put("path", c.path());
      n.put("sameSite", sameSiteWord(c.sameSite()));
      n.put("secure", c.secure());
      n.put("session", c.isSession());
      n.putNull("storeId");
      n.put("value", c.value());
    }
    return JsonTrees.pretty(array);
  }

  private static String sameSiteWord(SameSite s) {
    switch (s) {
      case NONE:
        return "no_restriction";
      case LAX:
        return "lax";
      case STRICT:
        return "strict";
      default:
        return "unspecified";
    }
  }
}
