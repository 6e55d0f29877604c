package dev.qmcookie.cookie;

import dev.qmcookie.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The {@code Cookie:} header string, {@code k=v; k=v}. Values may contain {@code =} and may be
 * empty. Every pair becomes a {@code .qq.com} session cookie on path {@code /}.
 */
final class HeaderFormat {
  private static final Pattern PREFIX = Pattern.compile("(?i)^\\s*cookie\\s*:\\s*");

  private HeaderFormat() {}

  static CookieSet parse(String text) {
    String body = PREFIX.matcher(text).replaceFirst("");
    List<Cookie> cookies = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    // Copies from devtools sometimes wrap, so line breaks separate pairs just as ';' does.
    for (String segment : body.split("[;\\r\\n]")) {
      String pair = segment.trim();
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        problems.add("\"" + abbreviate(pair) + "\" is not a name=value pair");
        continue;
      }
      String name = pair.substring(0, eq).trim();
      if (!CookieRules.TOKEN.matcher(name).matches()) {
        problems.add("\"" + abbreviate(name) + "\" is not a valid cookie name");
        continue;
      }
      cookies.add(Cookie.of(name, pair.substring(eq + 1).trim()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("the cookie header string is malformed", problems);
    }
    return CookieSet.of(cookies);
  }

  /** The pairs a browser would send to y.qq.com, in stored order. */
  static String write(CookieSet cookies) {
    StringJoiner out = new StringJoiner("; ");
    for (Cookie c : cookies.forHost(CookieSet.MUSIC_HOST)) {
      out.add(c.name() + "=" + c.value());
    }
    return out.toString();
  }

  // Shows enough of a bad fragment to find it, never a whole secret value: a fragment without
  // "=" is often a pasted token.
  private static String abbreviate(String s) {
    return s.length() <= 8 ? s : s.substring(0, 6) + "…";
  }
}
