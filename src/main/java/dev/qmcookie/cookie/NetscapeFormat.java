package dev.qmcookie.cookie;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.MessageText;
import java.util.ArrayList;
import java.util.List;

/**
 * Netscape {@code cookies.txt}: seven tab-separated columns, HttpOnly cookies marked with a {@code
 * #HttpOnly_} prefix on the domain.
 */
final class NetscapeFormat {
  static final String MAGIC = "# Netscape HTTP Cookie File";
  private static final String HTTP_ONLY_PREFIX = "#HttpOnly_";

  /**
   * The expiry written for session cookies. Readers such as Python's {@code MozillaCookieJar} and
   * curl drop a cookie with expiry 0 (or none) on load, which would silently lose the whole login;
   * 2^31-1 is the usual "never" and is read back as a plain expiry.
   */
  static final long SESSION_STAND_IN = 2_147_483_647L;

  private NetscapeFormat() {}

  static boolean looksLike(String text) {
    if (text.startsWith(MAGIC) || text.startsWith("# HTTP Cookie File")) {
      return true;
    }
    for (String line : text.split("\\r?\\n")) {
      String l =
          line.startsWith(HTTP_ONLY_PREFIX) ? line.substring(HTTP_ONLY_PREFIX.length()) : line;
      if (!l.startsWith("#") && l.split("\t", -1).length >= 7) {
        return true;
      }
    }
    return false;
  }

  static CookieSet parse(String text) {
    List<Cookie> cookies = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text.split("\\r?\\n|\\r");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean httpOnly = line.startsWith(HTTP_ONLY_PREFIX);
      if (httpOnly) {
        line = line.substring(HTTP_ONLY_PREFIX.length());
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", 7);
      if (f.length < 6) {
        problems.add("line " + (i + 1) + " has " + f.length + " tab-separated fields, not 7");
        continue;
      }
      long expires;
      try {
        expires = (long) Double.parseDouble(f[4].trim());
      } catch (NumberFormatException e) {
        problems.add(
            "line " + (i + 1) + ": the expiry \"" + MessageText.quote(f[4]) + "\" is not a number");
        continue;
      }
      boolean subdomains = f[1].trim().equalsIgnoreCase("TRUE");
      cookies.add(
          new Cookie(
              f[5],
              f.length == 7 ? f[6] : "",
              CookieFormats.domainFor(f[0].trim(), !subdomains),
              f[2],
              expires <= 0 ? Cookie.SESSION : expires,
              httpOnly,
              f[3].trim().equalsIgnoreCase("TRUE"),
              SameSite.UNSPECIFIED));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("the cookies.txt file is malformed", problems);
    }
    return CookieSet.of(cookies);
  }

  static String write(CookieSet cookies) {
    StringBuilder out = new StringBuilder();
    out.append(MAGIC).append('\n');
    out.append("# Written by qmcookie. This file is a login: keep it private.\n\n");
    for (Cookie c : cookies) {
      if (c.httpOnly()) {
        out.append(HTTP_ONLY_PREFIX);
      }
      out.append(c.domain()).append('\t');
      out.append(c.includesSubdomains() ? "TRUE" : "FALSE").append('\t');
      out.append(c.path()).append('\t');
      out.append(c.secure() ? "TRUE" : "FALSE").append('\t');
      out.append(c.isSession() ? SESSION_STAND_IN : c.expires()).append('\t');
      out.append(c.name()).append('\t');
      out.append(c.value()).append('\n');
    }
    return out.toString();
  }
}
