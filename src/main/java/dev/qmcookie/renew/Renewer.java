package dev.qmcookie.renew;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.QmcookieException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.failure.Verdict;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a music key over HTTP: sends the request, retries passing faults with exponential backoff,
 * and merges a good answer into a new record.
 */
public final class Renewer {
  private static final Logger LOG = LoggerFactory.getLogger(Renewer.class);

  // Set-Cookie headers are read as if the real endpoint had sent them, so that their Domain=.qq.com
  // applies even when the endpoint is a local stand-in.
  private static final HttpUrl COOKIE_ORIGIN = HttpUrl.get(RenewalRequests.DEFAULT_ENDPOINT);

  private final OkHttpClient client;
  private final HttpUrl endpoint;
  private final Backoff retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final ShapeChoice shapes;

  /** A renewer that chooses the request shape automatically. */
  public Renewer(
      OkHttpClient client, HttpUrl endpoint, Backoff retry, Sleeper sleeper, Clock clock) {
    this(client, endpoint, retry, sleeper, clock, ShapeChoice.AUTO);
  }

  /**
   * @param endpoint shape A's default, or an override that both shapes are sent to
   */
  public Renewer(
      OkHttpClient client,
      HttpUrl endpoint,
      Backoff retry,
      Sleeper sleeper,
      Clock clock,
      ShapeChoice shapes) {
    this.client = client;
    this.endpoint = endpoint;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.shapes = shapes;
  }

  /** Renews {@code record}; {@code record} itself is never changed. */
  public RenewalResult renew(CookieRecord record) {
    String uin = record.login().requireRenewable().uin();
    long started = System.nanoTime();
    RenewalShape shape = shapes.first(record.metadata().shape());
    List<RenewalShape> sent = new ArrayList<>();
    AttemptFailure last = null;
    AttemptFailure beforeSwitch = null;
    int tries = 0;
    // The other shape is a different question, not a repeat: it does not use up a retry.
    int retriesUsed = 0;
    while (retry.allowsAnotherAfter(retriesUsed)) {
      tries++;
      retriesUsed++;
      sent.add(shape);
      try {
        CookieRecord renewed = attempt(record, uin, shape);
        return new RenewalResult(renewed, null, 0, tries, elapsed(started), sent);
      } catch (AttemptFailure f) {
        last = f;
        if (beforeSwitch == null && shapes.mayFallBack() && ShapeFallback.explains(f)) {
          beforeSwitch = f;
          retriesUsed--;
          LOG.warn(
              "uin {}: shape {} was refused ({}); sending shape {} once",
              uin,
              shape,
              f.getMessage(),
              shape.other());
          shape = shape.other();
          continue;
        }
        boolean fallbackAnswer = beforeSwitch != null && sent.get(tries - 2) != shape;
        if (fallbackAnswer && ShapeFallback.explains(f)) {
          // Both shapes refused in a way a shape could explain: asking again gets the same
          // answers, and the stronger verdict of the two is the attempt's.
          last = decisive(beforeSwitch, f);
          break;
        }
        if (f.kind() != AttemptFailure.Kind.RETRY || !retry.allowsAnotherAfter(retriesUsed)) {
          break;
        }
        Duration pause = retry.pauseAfter(retriesUsed);
        LOG.warn(
            "uin {}: try {} of {} failed: {}; retrying in {}s",
            uin,
            tries,
            retry.attempts(),
            f.getMessage(),
            pause.toSeconds());
        try {
          sleeper.sleep(pause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return new RenewalResult(
        null, toException(last, tries, sent), last.code(), tries, elapsed(started), sent);
  }

  // A refused login beats any other verdict, and any verdict beats "try again": the login is what
  // the user must act on. Between equals, the first shape's wins: the fallback was sent only
  // because
  // the first shape might be the wrong question.
  private static AttemptFailure decisive(AttemptFailure first, AttemptFailure fallback) {
    return weight(fallback) > weight(first) ? fallback : first;
  }

  private static int weight(AttemptFailure f) {
    switch (f.kind()) {
      case LOGIN_INVALID:
        return 2;
      case STOP:
        return 1;
      default:
        return 0;
    }
  }

  private CookieRecord attempt(CookieRecord record, String uin, RenewalShape shape)
      throws AttemptFailure {
    Request request = RenewalRequests.build(endpoint, record, shape);
    Call call = client.newCall(request);
    Instant now = clock.instant();
    try (Response response = call.execute()) {
      String text = AnswerBody.read(response.body());
      JsonNode data =
          ResponseReader.data(
              response.code(),
              response.header("Content-Type"),
              text,
              uin,
              RenewalRequests.REQUEST_KEY,
              words -> Secrets.hide(words, record));
      List<Cookie> setCookies = new ArrayList<>();
      for (okhttp3.Cookie c : okhttp3.Cookie.parseAll(COOKIE_ORIGIN, response.headers())) {
        setCookies.add(SetCookies.of(c));
      }
      CookieRecord merged =
          AnswerCheck.check(record, CookieMerge.merge(record, data, setCookies, now), now);
      return new CookieRecord(
          merged.cookies(), merged.metadata().withShapeThatWorked(shape.id(), now));
    } catch (InterruptedIOException e) {
      throw new AttemptFailure(
          AttemptFailure.Kind.RETRY, 0, "the request to " + request.url().host() + " timed out");
    } catch (UnknownHostException e) {
      throw new AttemptFailure(
          AttemptFailure.Kind.RETRY,
          0,
          "cannot resolve " + request.url().host() + ": check DNS and the network");
    } catch (ConnectException e) {
      throw new AttemptFailure(
          AttemptFailure.Kind.RETRY,
          0,
          "cannot connect to " + request.url().host() + ":" + request.url().port());
    } catch (IOException e) {
      throw new AttemptFailure(
          AttemptFailure.Kind.RETRY,
          0,
          "network error talking to " + request.url().host() + ": " + e.getMessage());
    }
  }

  private static QmcookieException toException(
      AttemptFailure f, int tries, List<RenewalShape> sent) {
    switch (f.kind()) {
      case LOGIN_INVALID:
        // The other verdicts that need a person carry their own advice.
        return new LoginInvalidException(
            f.getMessage()
                + (f.verdict() == Verdict.NEEDS_LOGIN
                    ? ": log in again and import the new cookie"
                    : ""),
            f.code(),
            f.verdict(),
            f.feedbackUrl());
      case STOP:
        return new TransientFailureException(
            withShapeAdvice(f.getMessage(), sent), f.code(), f.verdict(), null);
      default:
        return new TransientFailureException(
            f.getMessage()
                + (tries > 1 ? " (gave up after " + tries + " tries)" : "")
                + "; the stored cookie was kept, try again later",
            f.code());
    }
  }

  // "Try the other shape" is no advice once auto has sent it.
  private static String withShapeAdvice(String message, List<RenewalShape> sent) {
    boolean bothSent = sent.contains(RenewalShape.A) && sent.contains(RenewalShape.B);
    if (!bothSent || !message.endsWith(AnswerCodes.OTHER_SHAPE_ADVICE)) {
      return message;
    }
    return message.substring(0, message.length() - AnswerCodes.OTHER_SHAPE_ADVICE.length())
        + AnswerCodes.BOTH_SHAPES_ADVICE;
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
