package dev.qmcookie.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A fake {@code fcg_get_profile_homepage.fcg}: it answers code 0 only to a music key it holds as
 * logged in, and only when {@code g_tk} is that key's hash33, which it computes itself from
 * PROTOCOL.md's definition rather than with the code under test. Anything else gets code 1000.
 */
public final class ProfilePageFake extends Dispatcher {
  /** The code the fake refuses with: the one the real page gives a cookie that is not logged in. */
  public static final int REFUSED = 1000;

  private final Set<String> loggedIn = ConcurrentHashMap.newKeySet();

  public ProfilePageFake(String... loggedInKeys) {
    loggedIn.addAll(Set.of(loggedInKeys));
  }

  /** Logs a key out, as the server does once the login is revoked. */
  public void logOut(String key) {
    loggedIn.remove(key);
  }

  /** PROTOCOL.md: for each char c: h = (h << 5) + h + c, masked with 0x7fffffff. */
  public static long hash33(String s, long seed) {
    long h = seed;
    for (char c : s.toCharArray()) {
      h = ((h << 5) + h + c) & 0x7fffffffL;
    }
    return h;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String key = cookie(request.getHeaders().get("Cookie"), "qqmusic_key");
    String gTk = request.getUrl().queryParameter("g_tk");
    boolean ok =
        key != null
            && loggedIn.contains(key)
            && Long.toString(hash33(key, 5381)).equals(gTk)
            && "json".equals(request.getUrl().queryParameter("format"));
    return RenewalAnswers.json(
        ok
            ? "{\"code\":0,\"subcode\":0,\"message\":\"\",\"data\":{\"creator\":{\"nick\":\"x\"}}}"
            : "{\"code\":" + REFUSED + ",\"subcode\":" + REFUSED + ",\"message\":\"\"}");
  }

  private static String cookie(String header, String name) {
    if (header == null) {
      return null;
    }
    for (String pair : header.split(";\\s*")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }
}
