package dev.qmcookie.cli;

import dev.qmcookie.failure.InvalidInputException;
import okhttp3.HttpUrl;

/** Reads {@code --public-url}: an http(s) origin, with no user, path, query or fragment. */
final class PublicUrl {
  private PublicUrl() {}

  /**
   * @throws InvalidInputException (exit 5) for anything else
   */
  static HttpUrl parse(String text) {
    String trimmed = text.trim();
    HttpUrl url = HttpUrl.parse(trimmed);
    if (url == null
        || !(trimmed.regionMatches(true, 0, "http://", 0, 7)
            || trimmed.regionMatches(true, 0, "https://", 0, 8))) {
      throw new InvalidInputException(
          "--public-url must be an http:// or https:// address, such as https://music.example.org");
    }
    if (!url.username().isEmpty()
        || !url.password().isEmpty()
        || url.query() != null
        || url.fragment() != null) {
      throw new InvalidInputException(
          "--public-url must hold no user, password, query or fragment: give the address only,"
              + " such as https://music.example.org");
    }
    // The page's files and links all name /ui/ from the root: a sub-path could not work, and
    // "https://h/ui/" would link to /ui/ui/.
    if (!url.encodedPath().equals("/")) {
      throw new InvalidInputException(
          "--public-url must be an origin with no path: give the address only,"
              + " such as https://music.example.org");
    }
    return url;
  }
}
