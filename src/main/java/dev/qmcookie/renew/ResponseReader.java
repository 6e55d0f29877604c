package dev.qmcookie.renew;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.renew.AttemptFailure.Kind;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Reads the renewal answer and classifies what went wrong; the answer codes are {@link
 * AnswerCodes}'.
 */
final class ResponseReader {
  private static final int QUOTE_LIMIT = 80;

  private ResponseReader() {}

  /**
   * The {@code req1.data} of a successful answer for account {@code uin}.
   *
   * @throws AttemptFailure classified
   */
  static JsonNode data(int httpStatus, String contentType, String body, String uin)
      throws AttemptFailure {
    return data(httpStatus, contentType, body, uin, "req1");
  }

  /**
   * The {@code data} of the request sent under {@code requestKey}, for account {@code uin}.
   *
   * @throws AttemptFailure classified
   */
  static JsonNode data(
      int httpStatus, String contentType, String body, String uin, String requestKey)
      throws AttemptFailure {
    return data(httpStatus, contentType, body, uin, requestKey, UnaryOperator.identity());
  }

  /**
   * The {@code data} of the request sent under {@code requestKey}, for account {@code uin}.
   *
   * @param serverText applied to the server's words before a message quotes them: it masks the
   *     secrets the request carried, which a server may echo
   * @throws AttemptFailure classified
   */
  static JsonNode data(
      int httpStatus,
      String contentType,
      String body,
      String uin,
      String requestKey,
      UnaryOperator<String> serverText)
      throws AttemptFailure {
    if (httpStatus == 429) {
      throw new AttemptFailure(
          Kind.RETRY, httpStatus, "the server says too many requests (HTTP 429)");
    }
    if (httpStatus >= 500) {
      throw new AttemptFailure(
          Kind.RETRY, httpStatus, "the server failed (HTTP " + httpStatus + ")");
    }
    if (httpStatus != 200) {
      throw new AttemptFailure(
          Kind.RETRY, httpStatus, "the server answered HTTP " + httpStatus + " instead of 200");
    }
    JsonNode root = parseJson(contentType, body, serverText);
    checkCode(root, AttemptFailure.Source.TOP_LEVEL, requestKey, serverText);
    JsonNode req = root.path(requestKey);
    if (!req.isObject()) {
      throw new AttemptFailure(Kind.RETRY, 0, "the answer has no " + requestKey + " part");
    }
    checkCode(req, AttemptFailure.Source.REQUEST, requestKey, serverText);
    JsonNode data = req.path("data");
    // The account check comes first: an answer for someone else is rejected, not retried.
    String musicId = text(data, "musicid");
    String strMusicId = text(data, "str_musicid");
    if ((!musicId.isEmpty() && !musicId.equals(uin))
        || (!strMusicId.isEmpty() && !strMusicId.equals(uin))) {
      throw new AttemptFailure(
          Kind.STOP,
          0,
          "the answer is for account "
              + MessageText.quote(!musicId.isEmpty() && !musicId.equals(uin) ? musicId : strMusicId)
              + ", not "
              + uin
              + "; it was rejected and nothing changed");
    }
    if (text(data, "musickey").isEmpty()) {
      throw new AttemptFailure(
          Kind.RETRY, 0, "the answer carries no new music key; the stored cookie was kept");
    }
    return data;
  }

  /**
   * A field as text: numbers without a fraction, "" for null, absent, or 0, which the protocol
   * treats as "no value".
   */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return "";
    }
    String s = v.isNumber() ? v.bigIntegerValue().toString() : v.asText();
    return s.equals("0") ? "" : s;
  }

  static JsonNode parseJson(String contentType, String body) throws AttemptFailure {
    return parseJson(contentType, body, UnaryOperator.identity());
  }

  /**
   * @param serverText applied to the text of a web page before it is quoted
   */
  static JsonNode parseJson(String contentType, String body, UnaryOperator<String> serverText)
      throws AttemptFailure {
    String trimmed = body.strip();
    // The body decides, not the Content-Type: these endpoints have been seen labelling JSON as
    // text/html, and a JSON answer must not be mistaken for a web page.
    boolean html =
        trimmed.startsWith("<")
            || (contentType != null
                && contentType.toLowerCase(Locale.ROOT).contains("html")
                && !trimmed.startsWith("{"));
    if (trimmed.isEmpty()) {
      throw new AttemptFailure(Kind.RETRY, 0, "the server answered with an empty body");
    }
    if (html) {
      throw new AttemptFailure(
          Kind.RETRY,
          0,
          "the server answered with a web page instead of JSON: \""
              + quote(trimmed, serverText)
              + "\"");
    }
    try {
      JsonNode root = JsonTrees.read(trimmed);
      if (!root.isObject()) {
        throw new AttemptFailure(Kind.RETRY, 0, "the server's answer is not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      // The position only: the parser's message quotes the text at the fault, maybe a new key.
      throw new AttemptFailure(
          Kind.RETRY,
          0,
          "the server's JSON answer is cut off or malformed (" + JsonTrees.position(e) + ")");
    }
  }

  // The page's title, else its text: anti-bot pages say what they are ("安全验证"). Cleaned, as the
  // page is the server's text and the message reaches a terminal and the attempt history.
  private static String quote(String html, UnaryOperator<String> serverText) {
    Document page = Jsoup.parse(html);
    String words = page.title().isBlank() ? page.text() : page.title();
    words = MessageText.clean(serverText.apply(words.strip().replaceAll("\\s+", " ")));
    return MessageText.cut(words, QUOTE_LIMIT);
  }

  private static void checkCode(
      JsonNode holder,
      AttemptFailure.Source source,
      String requestKey,
      UnaryOperator<String> serverText)
      throws AttemptFailure {
    JsonNode codeNode = holder.path("code");
    if (codeNode.isMissingNode() || codeNode.isNull()) {
      return;
    }
    int code = codeNode.asInt(-1);
    if (code != 0) {
      throw AnswerCodes.failure(code, source, requestKey, holder, serverText);
    }
  }
}
