package dev.qmcookie.cookie;

import dev.qmcookie.failure.MessageText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What every cookie must be, whatever brought it (an import format, a server's Set-Cookie): a name
 * that is an RFC 6265 token, and a value, domain and path without control characters, and a value
 * without {@code ;} or characters outside ASCII (which no HTTP header can carry). One such
 * character in a value would end the pair early or start a new line in the header string, the
 * Netscape file and the request, where it becomes another cookie or header.
 *
 * <p>Problems name the cookie and the kind of character, never the value, which may be a secret.
 */
public final class CookieRules {
  // RFC 6265 token characters: no separators, spaces or controls.
  static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  private static final int NAME_SHOWN = 40;

  private CookieRules() {}

  /** Each unsafe cookie of {@code cookies}, named; empty when all are safe. */
  public static List<String> problems(Iterable<Cookie> cookies) {
    List<String> problems = new ArrayList<>();
    int index = 0;
    for (Cookie c : cookies) {
      index++;
      problem(c, index).ifPresent(problems::add);
    }
    return problems;
  }

  /**
   * What is unsafe about {@code c}, or empty.
   *
   * @param index the cookie's place in its input, from 1, to name a cookie whose name is unusable
   */
  public static Optional<String> problem(Cookie c, int index) {
    if (!TOKEN.matcher(c.name()).matches()) {
      String bad = unsafeCharacter(c.name(), false);
      return Optional.of(
          "cookie #"
              + index
              + ": the name \""
              + shownName(c.name())
              + "\" is not a valid cookie name"
              + (bad == null ? "" : " (it contains " + bad + ")"));
    }
    String bad = unsendableCharacter(c.value(), true);
    if (bad != null) {
      return Optional.of("cookie " + c.name() + ": the value contains " + bad);
    }
    bad = unsafeCharacter(c.domain(), false);
    if (bad != null) {
      return Optional.of("cookie " + c.name() + ": the domain contains " + bad);
    }
    bad = unsafeCharacter(c.path(), false);
    if (bad != null) {
      return Optional.of("cookie " + c.name() + ": the path contains " + bad);
    }
    return Optional.empty();
  }

  /**
   * The kind of the first character of {@code text} that cannot go into one header line or one line
   * of a file, such as "a line break"; null when there is none.
   *
   * @param semicolon true when {@code ;} counts too, as in a cookie value
   */
  public static String unsafeCharacter(String text, boolean semicolon) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\r' || ch == '\n' || ch == '\u2028' || ch == '\u2029') {
        return "a line break";
      }
      if (ch == '\0') {
        return "a NUL character";
      }
      if (ch == '\u001B') {
        return "an escape character";
      }
      if (Character.isISOControl(ch)) {
        return "a control character";
      }
      if (semicolon && ch == ';') {
        return "';'";
      }
    }
    return null;
  }

  /**
   * As {@link #unsafeCharacter}, and also a character outside ASCII ("a character outside ASCII"),
   * which an HTTP header value cannot carry: the request would fail at every renewal.
   */
  public static String unsendableCharacter(String text, boolean semicolon) {
    String bad = unsafeCharacter(text, semicolon);
    if (bad == null && !text.chars().allMatch(ch -> ch < 0x80)) {
      return "a character outside ASCII";
    }
    return bad;
  }

  // Names are not secret, but a hostile one can be long or full of control bytes.
  private static String shownName(String name) {
    return MessageText.cut(MessageText.clean(name), NAME_SHOWN);
  }
}
