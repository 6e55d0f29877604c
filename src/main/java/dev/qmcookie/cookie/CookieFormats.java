package dev.qmcookie.cookie;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.MessageText;
import java.util.List;

/**
 * The front door for formats: {@link #read} detects which format it was given and parses it, {@link
 * #write} writes one.
 */
public final class CookieFormats {
  private CookieFormats() {}

  /**
   * Detects the format of {@code text} and parses it.
   *
   * @throws InvalidInputException when the text is empty, malformed, holds no cookie or holds an
   *     unsafe one (see {@link CookieRules})
   */
  public static ParsedCookies read(String text) {
    String t = text == null ? "" : text.replace("\uFEFF", "").strip();
    if (t.isEmpty()) {
      throw new InvalidInputException("the input is empty: paste or pipe a cookie");
    }
    ParsedCookies parsed = parse(t);
    if (parsed.record().cookies().isEmpty()) {
      throw new InvalidInputException("no cookie found in the " + parsed.format().id() + " input");
    }
    List<String> unsafe = CookieRules.problems(parsed.record().cookies());
    if (!unsafe.isEmpty()) {
      throw new InvalidInputException(
          "the " + parsed.format().id() + " input holds cookies that cannot be stored safely",
          unsafe);
    }
    return parsed;
  }

  private static ParsedCookies parse(String t) {
    if (t.startsWith("{")) {
      JsonNode root = JsonCookies.parse(t, "the JSON input");
      if (QmcookieJsonFormat.looksLike(root)) {
        return new ParsedCookies(CookieFormat.JSON, QmcookieJsonFormat.parse(root));
      }
      if (PlaywrightFormat.looksLike(root)) {
        return plain(CookieFormat.PLAYWRIGHT, PlaywrightFormat.parse(root));
      }
      if (QqMusicApiCredentialFormat.looksLike(root)) {
        return new ParsedCookies(CookieFormat.QQMUSICAPI, QqMusicApiCredentialFormat.parse(root));
      }
      String format = root.path("format").asText("");
      throw new InvalidInputException(
          "the JSON object is neither a qmcookie export, a Playwright storageState nor a qqmusicapi"
              + " credential"
              + (format.isEmpty()
                  ? " (it has no \"cookies\" array)"
                  : " (its format is \"" + MessageText.quote(format) + "\")"));
    }
    if (t.startsWith("[")) {
      JsonNode root = JsonCookies.parse(t, "the JSON input");
      return plain(CookieFormat.COOKIE_EDITOR, CookieEditorFormat.parse(root));
    }
    if (NetscapeFormat.looksLike(t)) {
      return plain(CookieFormat.NETSCAPE, NetscapeFormat.parse(t));
    }
    return plain(CookieFormat.HEADER, HeaderFormat.parse(t));
  }

  private static ParsedCookies plain(CookieFormat format, CookieSet cookies) {
    return new ParsedCookies(format, new CookieRecord(cookies, CookieMetadata.NONE));
  }

  /**
   * Writes {@code record} in {@code format}.
   *
   * @param lastRenewal the last renewal attempt, shown only in {@link CookieFormat#JSON}; may be
   *     null
   */
  public static String write(CookieFormat format, CookieRecord record, RenewalAttempt lastRenewal) {
    switch (format) {
      case HEADER:
        // No line break: Meting-API sends the file as a header, where one would be invalid.
        return HeaderFormat.write(record.cookies());
      case JSON:
        return QmcookieJsonFormat.write(record, lastRenewal);
      case NETSCAPE:
        return NetscapeFormat.write(record.cookies());
      case PLAYWRIGHT:
        return PlaywrightFormat.write(record.cookies());
      case COOKIE_EDITOR:
        return CookieEditorFormat.write(record.cookies());
      case QQMUSICAPI:
        return QqMusicApiCredentialFormat.write(record);
      default:
        throw new IllegalArgumentException("unknown format " + format);
    }
  }

  /** The header string (no line break): the pairs a browser sends to y.qq.com. */
  public static String header(CookieSet cookies) {
    return HeaderFormat.write(cookies);
  }

  /** qmcookie's own JSON document, as the vault stores it. */
  public static String storeDocument(CookieRecord record) {
    return QmcookieJsonFormat.write(record, null);
  }

  /**
   * Reads qmcookie's own JSON document, as the vault stores it.
   *
   * @throws InvalidInputException when it is not one, or holds an unsafe cookie (stored by an older
   *     qmcookie), which must not be sent or exported
   */
  public static CookieRecord readStoreDocument(String text) {
    JsonNode root = JsonCookies.parse(text, "the stored cookie");
    if (!QmcookieJsonFormat.looksLike(root)) {
      throw new InvalidInputException("the stored cookie is not a qmcookie document");
    }
    CookieRecord record = QmcookieJsonFormat.parse(root);
    List<String> unsafe = CookieRules.problems(record.cookies());
    if (!unsafe.isEmpty()) {
      throw new InvalidInputException(
          "the stored cookie holds cookies that are unsafe to send, so it is not used; import a"
              + " fresh cookie with qmcookie import --replace",
          unsafe);
    }
    return record;
  }

  /** A domain spelled the way {@link Cookie} expects: a leading dot unless host-only. */
  static String domainFor(String domain, boolean hostOnly) {
    String bare = domain.startsWith(".") ? domain.substring(1) : domain;
    return hostOnly ? bare : "." + bare;
  }
}
