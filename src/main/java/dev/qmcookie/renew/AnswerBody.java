package dev.qmcookie.renew;

import java.io.IOException;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Reads a renewal answer's body, refusing one larger than {@link #LIMIT_BYTES}. A real answer is a
 * few kilobytes; a larger one is a broken or hostile server, and must not be held in memory whole.
 */
final class AnswerBody {
  /** The largest answer read: 1 MiB. */
  static final long LIMIT_BYTES = 1024 * 1024;

  private AnswerBody() {}

  /** The body as text, or "" when there is none. */
  static String read(ResponseBody body) throws IOException, AttemptFailure {
    if (body == null) {
      return "";
    }
    // A declared length is refused before a byte is read; a chunked or length-less answer is read
    // no further than one byte past the limit.
    if (body.contentLength() > LIMIT_BYTES) {
      throw tooLarge("is " + body.contentLength() + " bytes long,");
    }
    BufferedSource source = body.source();
    if (source.request(LIMIT_BYTES + 1)) {
      throw tooLarge("is");
    }
    // Everything is buffered now; string() still honours the charset and a byte-order mark.
    return body.string();
  }

  private static AttemptFailure tooLarge(String detail) {
    return new AttemptFailure(
        AttemptFailure.Kind.RETRY,
        0,
        "the server's answer "
            + detail
            + " over the "
            + LIMIT_BYTES / (1024 * 1024)
            + " MiB an answer may have");
  }
}
