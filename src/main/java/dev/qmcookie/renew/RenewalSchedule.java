package dev.qmcookie.renew;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.failure.InvalidInputException;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides when a key is due: once it is {@code renewAfter} old, or {@code leadTime} before it
 * expires, whichever comes first. A key whose lifetime the server never reported is assumed to last
 * {@link #ASSUMED_LIFETIME}.
 */
public final class RenewalSchedule {
  public static final Duration DEFAULT_RENEW_AFTER = Duration.ofHours(20);
  public static final Duration DEFAULT_LEAD_TIME = Duration.ofHours(4);
  public static final Duration ASSUMED_LIFETIME = Duration.ofHours(24);

  private final Duration renewAfter;
  private final Duration leadTime;

  public RenewalSchedule(Duration renewAfter, Duration leadTime) {
    if (renewAfter.isNegative() || leadTime.isNegative()) {
      throw new InvalidInputException("renewal durations must not be negative");
    }
    this.renewAfter = renewAfter;
    this.leadTime = leadTime;
  }

  public static RenewalSchedule defaults() {
    return new RenewalSchedule(DEFAULT_RENEW_AFTER, DEFAULT_LEAD_TIME);
  }

  /**
   * The key's timeline as seen at {@code now}.
   *
   * @throws InvalidInputException when the cookie has no usable {@code psrf_musickey_createtime},
   *     or one in the future of {@code now}, from which no age or due time makes sense
   */
  public KeyTimeline timeline(CookieRecord record, Instant now) {
    if (record.login().keyCreatedInFuture(now)) {
      throw new InvalidInputException(
          "the stored cookie is damaged: its key claims to be issued at "
              + Instant.ofEpochSecond(record.login().keyCreatedAt().getAsLong())
              + ", in the future, so its age and renewal time mean nothing; check this computer's"
              + " clock, then import a fresh cookie with qmcookie import --replace");
    }
    return timeline(record);
  }

  /**
   * The key's timeline.
   *
   * @throws InvalidInputException when the cookie has no usable {@code psrf_musickey_createtime}
   */
  public KeyTimeline timeline(CookieRecord record) {
    MusicLogin login = record.login();
    long created =
        login
            .keyCreatedAt()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "the cookie has no usable " + MusicLogin.KEY_CREATE_TIME));
    Instant createdAt = Instant.ofEpochSecond(created);
    Long expiresIn = record.metadata().keyExpiresIn();
    boolean known = expiresIn != null && expiresIn > 0;
    Instant expiresAt = createdAt.plus(known ? Duration.ofSeconds(expiresIn) : ASSUMED_LIFETIME);
    Instant byAge = createdAt.plus(renewAfter);
    Instant byExpiry = expiresAt.minus(leadTime);
    Instant dueAt = byAge.isBefore(byExpiry) ? byAge : byExpiry;
    return new KeyTimeline(createdAt, expiresAt, dueAt, known);
  }
}
