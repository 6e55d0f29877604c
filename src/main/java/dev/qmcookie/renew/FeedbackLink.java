package dev.qmcookie.renew;

import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * The {@code feedbackURL} a risk-control answer may carry. It is the server's text, so it is only
 * quoted when it is a plain http(s) link of bounded length, and only opened in a browser when it
 * leads to qq.com over https.
 */
public final class FeedbackLink {
  /** The longest link quoted; longer ones are dropped rather than cut into a wrong one. */
  static final int MAX_LENGTH = 400;

  private FeedbackLink() {}

  /** The link in its canonical form, or null when it is not one worth quoting. */
  static String fromAnswer(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
      return null;
    }
    HttpUrl url = HttpUrl.parse(raw.strip());
    if (url == null) {
      return null;
    }
    String canonical = url.toString();
    return canonical.length() > MAX_LENGTH ? null : canonical;
  }

  /** Whether {@code url} may be opened in the account's browser: https, on qq.com. */
  public static boolean openable(String url) {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
    if (parsed == null || !parsed.isHttps()) {
      return false;
    }
    String host = parsed.host().toLowerCase(Locale.ROOT);
    return host.equals("qq.com") || host.endsWith(".qq.com");
  }
}
