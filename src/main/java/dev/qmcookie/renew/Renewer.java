package dev.qmcookie.renew;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.SameSite;
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

  public Renewer(
      OkHttpClient client, HttpUrl endpoint, Backoff retry, Sleeper sleeper, Clock clock) {
    this.client = client;
    this.endpoint = endpoint;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** Renews {@code record}; {@code record} itself is never changed. */
  public RenewalResult renew(CookieRecord record) {
    String uin = record.login().requireRenewable().uin();
    long started = System.nanoTime();
    AttemptFailure last = null;
    int tries = 0;
    while (retry.allowsAnotherAfter(tries)) {
      tries++;
      try {
        CookieRecord renewed = attempt(record, uin);
        return new RenewalResult(renewed, null, 0, tries, elapsed(started));
      } catch (AttemptFailure f) {
        last = f;
        if (f.kind() != AttemptFailure.Kind.RETRY || !retry.allowsAnotherAfter(tries)) {
          break;
        }
        Duration pause = retry.pauseAfter(tries);
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
    return new RenewalResult(null, toException(last, tries), last.code(), tries, elapsed(started));
  }

  private CookieRecord attempt(CookieRecord record, String uin) throws AttemptFailure {
    Request request = RenewalRequests.build(endpoint, record);
    Call call = client.newCall(request);
    Instant now = clock.instant();
    try (Response response = call.execute()) {
      String text = AnswerBody.read(response.body());
      JsonNode data =
          ResponseReader.data(response.code(), response.header("Content-Type"), text, uin);
      List<Cookie> setCookies = new ArrayList<>();
      for (okhttp3.Cookie c : okhttp3.Cookie.parseAll(COOKIE_ORIGIN, response.headers())) {
        setCookies.add(toCookie(c));
      }
      return AnswerCheck.check(record, CookieMerge.merge(record, data, setCookies, now), now);
    } catch (InterruptedIOException e) {
      throw new AttemptFailure(
          AttemptFailure.Kind.RETRY, 0, "the request to " + endpoint.host() + " timed out");
    } catch (UnknownHostException e) {
      throw new AttemptFailure(
          AttemptFailure.Kind.RETRY,
          0,
          "cannot resolve " + endpoint.host() + ": check DNS and the network");
    } catch (ConnectException e) {
      throw new AttemptFailure(
          AttemptFailure.Kind.RETRY,
          0,
          "cannot connect to " + endpoint.host() + ":" + endpoint.port());
    } catch (IOException e) {
      throw new AttemptFailure(
          AttemptFailure.Kind.RETRY,
          0,
          "network error talking to " + endpoint.host() + ": " + e.getMessage());
    }
  }

  private static Cookie toCookie(okhttp3.Cookie c) {
    return new Cookie(
        c.name(),
        c.value(),
        c.hostOnly() ? c.domain() : "." + c.domain(),
        c.path(),
        c.persistent() ? c.expiresAt() / 1000 : Cookie.SESSION,
        c.httpOnly(),
        c.secure(),
        SameSite.parse(c.sameSite()));
  }

  private static QmcookieException toException(AttemptFailure f, int tries) {
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
        return new TransientFailureException(f.getMessage(), f.code(), f.verdict(), null);
      default:
        return new TransientFailureException(
            f.getMessage()
                + (tries > 1 ? " (gave up after " + tries + " tries)" : "")
                + "; the stored cookie was kept, try again later",
            f.code());
    }
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
