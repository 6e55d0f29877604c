package dev.qmcookie.renew;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.failure.QmcookieException;
import java.time.Duration;

/**
 * What a renewal produced: the new record on success, else the failure. Renewal never changes the
 * record it was given; storing the new one is the caller's decision.
 *
 * @param renewed the merged record, or null on failure
 * @param failure a {@link dev.qmcookie.failure.LoginInvalidException} or {@link
 *     dev.qmcookie.failure.TransientFailureException}, or null on success
 * @param code the server's code or HTTP status of the last answer, 0 when none
 * @param tries how many requests were sent
 * @param took the time spent, pauses included
 */
public record RenewalResult(
    CookieRecord renewed, QmcookieException failure, int code, int tries, Duration took) {

  public boolean succeeded() {
    return renewed != null;
  }
}
