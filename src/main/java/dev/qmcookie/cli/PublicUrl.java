package dev.qmcookie.cli;

import dev.qmcookie.failure.InvalidInputException;
import okhttp3.HttpUrl;

/** Reads {@code --public-url}: an http(s) address with no user, query or fragment. */
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
    return url;
  }
}
