package dev.qmcookie.cookie;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The cookie formats qmcookie reads and writes, by the id used on the command line. */
public enum CookieFormat {
  /**
   * {@code k=v; k=v}: what Meting-API reads from {@code cookie/tencent} under its working
   * directory.
   */
  HEADER("header"),
  /** qmcookie's own document, with every attribute and the metadata. */
  JSON("json"),
  /** Netscape {@code cookies.txt}, for curl, wget and yt-dlp. */
  NETSCAPE("netscape"),
  /** Playwright {@code storageState}. */
  PLAYWRIGHT("playwright"),
  /** The JSON array of the Cookie-Editor and EditThisCookie browser extensions. */
  COOKIE_EDITOR("cookie-editor"),
  /** The credential JSON of the reference Python library, luren-dc/QQMusicApi: the login only. */
  QQMUSICAPI("qqmusicapi");

  private final String id;

  CookieFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The format with that id, or null. */
  public static CookieFormat byId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (CookieFormat f : values()) {
      if (f.id.equals(wanted)) {
        return f;
      }
    }
    return null;
  }

  /** The ids joined with {@code |}, for help and error messages. */
  public static String ids() {
    return Arrays.stream(values()).map(CookieFormat::id).collect(Collectors.joining("|"));
  }

  @Override
  public String toString() {
    return id;
  }
}
