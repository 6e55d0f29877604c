package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.failure.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenewalScheduleTest {
  static final Instant CREATED = Instant.parse("2026-11-24T00:00:00Z");

  static CookieRecord record(String createTime, Long keyExpiresIn) {
    CookieSet cookies =
        CookieSet.of(
            List.of(Cookie.of("uin", "1"), Cookie.of("psrf_musickey_createtime", createTime)));
    return new CookieRecord(cookies, CookieMetadata.NONE.withKeyExpiresIn(keyExpiresIn));
  }

  @ParameterizedTest(name = "lifetime {0}s, renew after {1}")
  @CsvSource({
    // unknown lifetime: assume 24h; due at 20h (the age rule, 4h before expiry coincides)
    "   , PT20H, PT24H, PT20H, false",
    // 3 days: the age rule comes first
    "259200, PT20H, PT72H, PT20H, true",
    // a short 10h life: due 4h before expiry, earlier than 20h of age
    "36000, PT20H, PT10H, PT6H, true",
    // --renew-after 2h
    "   , PT2H, PT24H, PT2H, false",
    // a lifetime shorter than the lead time: due from the start
    "3600, PT20H, PT1H, PT-3H, true",
  })
  void dueIsTheEarlierOfTheAgeAndTheLeadBeforeExpiry(
      Long expiresIn, String renewAfter, String lifetime, String dueAfter, boolean known) {
    RenewalSchedule schedule =
        new RenewalSchedule(Duration.parse(renewAfter), RenewalSchedule.DEFAULT_LEAD_TIME);

    KeyTimeline t = schedule.timeline(record(Long.toString(CREATED.getEpochSecond()), expiresIn));

    assertThat(t.createdAt()).isEqualTo(CREATED);
    assertThat(t.expiresAt()).isEqualTo(CREATED.plus(Duration.parse(lifetime)));
    assertThat(t.dueAt()).isEqualTo(CREATED.plus(Duration.parse(dueAfter)));
    assertThat(t.expiryKnown()).isEqualTo(known);
  }

  @Test
  void millisecondCreateTimesAreRead() {
    KeyTimeline t =
        RenewalSchedule.defaults().timeline(record(Long.toString(CREATED.toEpochMilli()), null));

    assertThat(t.createdAt()).isEqualTo(CREATED);
  }

  @Test
  void theBoundariesBelongToTheLaterState() {
    KeyTimeline t =
        RenewalSchedule.defaults().timeline(record(Long.toString(CREATED.getEpochSecond()), null));
    Instant due = CREATED.plus(Duration.ofHours(20));
    Instant expires = CREATED.plus(Duration.ofHours(24));

    assertThat(AccountState.of(t, due.minusSeconds(1), null, null)).isEqualTo(AccountState.FRESH);
    assertThat(AccountState.of(t, due, null, null)).isEqualTo(AccountState.DUE);
    assertThat(AccountState.of(t, expires.minusSeconds(1), null, null)).isEqualTo(AccountState.DUE);
    assertThat(AccountState.of(t, expires, null, null)).isEqualTo(AccountState.EXPIRED);
    assertThat(t.age(due)).isEqualTo(Duration.ofHours(20));
  }

  @Test
  void aRefusedLoginNeedsLoginUntilANewerCookieIsStored() {
    KeyTimeline t =
        RenewalSchedule.defaults().timeline(record(Long.toString(CREATED.getEpochSecond()), null));
    Instant refusedAt = CREATED.plus(Duration.ofHours(21));
    RenewalAttempt refused =
        new RenewalAttempt(
            refusedAt, RenewalAttempt.LOGIN_INVALID, 104401, 120, 1, "http", "refused");
    Instant now = refusedAt.plusSeconds(60);

    assertThat(AccountState.of(t, now, refused, CREATED)).isEqualTo(AccountState.NEEDS_LOGIN);
    assertThat(AccountState.of(t, now, refused, refusedAt.plusSeconds(30)))
        .isEqualTo(AccountState.DUE);
    assertThat(AccountState.NEEDS_LOGIN.id()).isEqualTo("needs-login");
  }

  @ParameterizedTest
  @CsvSource({
    "needs-verification, needs-verification, needs-verification, true",
    "account-problem,    account-problem,    account-problem,    true",
    "device-limit,       device-limit,       fresh,              false",
    "too-frequent,       too-frequent,       fresh,              false",
    "request-refused,    due,                fresh,              false"
  })
  void aServerVerdictStandsUntilANewerCookieIsStored(
      String outcome, String whenDue, String whenNotDue, boolean needsHuman) {
    KeyTimeline t =
        RenewalSchedule.defaults().timeline(record(Long.toString(CREATED.getEpochSecond()), null));
    Instant at = CREATED.plus(Duration.ofHours(21));
    RenewalAttempt attempt = new RenewalAttempt(at, outcome, 1, 120, 1, "http", "said");

    AccountState due = AccountState.of(t, at.plusSeconds(60), attempt, CREATED);
    assertThat(due.id()).isEqualTo(whenDue);
    assertThat(due.needsHuman()).isEqualTo(needsHuman);
    // A forced try of a key not yet due: a passing verdict does not make it look due.
    RenewalAttempt forced =
        new RenewalAttempt(CREATED.plusSeconds(3600), outcome, 1, 120, 1, "http", "said");
    assertThat(AccountState.of(t, CREATED.plusSeconds(7200), forced, CREATED).id())
        .isEqualTo(whenNotDue);
    assertThat(AccountState.of(t, at.plusSeconds(60), attempt, at.plusSeconds(30)))
        .isEqualTo(AccountState.DUE);
  }

  @Test
  void aCookieWithoutCreateTimeHasNoTimeline() {
    assertThatThrownBy(() -> RenewalSchedule.defaults().timeline(record("", null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("psrf_musickey_createtime");
  }

  @Test
  void backoffDoublesUpToItsCap() {
    Backoff policy = new Backoff(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(10), 6);

    assertThat(policy.pauseAfter(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.pauseAfter(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.pauseAfter(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.pauseAfter(4)).isEqualTo(Duration.ofSeconds(10));
    // The default keeps three tries of 8s and their pauses near 30s.
    Backoff d = Backoff.RENEWAL;
    Duration worst =
        Duration.ofSeconds(8)
            .multipliedBy(d.attempts())
            .plus(d.pauseAfter(1))
            .plus(d.pauseAfter(2));
    assertThat(worst).isLessThanOrEqualTo(Duration.ofSeconds(30));
  }
}
