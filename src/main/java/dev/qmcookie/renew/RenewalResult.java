package dev.qmcookie.renew;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.failure.QmcookieException;
import java.time.Duration;
import java.util.List;

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
 * @param shapes the shape of each request sent, in order
 */
public record RenewalResult(
    CookieRecord renewed,
    QmcookieException failure,
    int code,
    int tries,
    Duration took,
    List<RenewalShape> shapes) {

  public RenewalResult {
    shapes = shapes == null ? List.of() : List.copyOf(shapes);
  }

  public RenewalResult(
      CookieRecord renewed, QmcookieException failure, int code, int tries, Duration took) {
    this(renewed, failure, code, tries, took, List.of());
  }

  /** The ids of {@link #shapes()}, as the history keeps them. */
  public List<String> shapeIds() {
    return shapes.stream().map(RenewalShape::id).toList();
  }

  public boolean succeeded() {
    return renewed != null;
  }
}
