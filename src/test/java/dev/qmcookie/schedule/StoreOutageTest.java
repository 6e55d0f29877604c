package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.StoreOutage.Operation.READ;
import static dev.qmcookie.schedule.StoreOutage.Operation.RENEWAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.schedule.StoreOutage.Fault;
import dev.qmcookie.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreOutageTest {
  static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

  @Test
  void anOutageIsAlertedOnceAfterTenMinutesAndALaterOneAgain() {
    HandClock clock = new HandClock(START);
    StoreOutage outage = new StoreOutage(clock);

    assertThat(outage.failed(READ)).isEqualTo(Fault.FIRST);
    clock.advance(Duration.ofMinutes(9).plusSeconds(59));
    assertThat(outage.failed(READ)).isEqualTo(Fault.QUIET);
    clock.advance(Duration.ofSeconds(1));
    assertThat(outage.failed(READ)).isEqualTo(Fault.ALERT);
    clock.advance(Duration.ofHours(3));
    assertThat(outage.failed(READ)).isEqualTo(Fault.QUIET);

    assertThat(outage.answered(READ)).isEqualTo(START);
    assertThat(outage.answered(READ)).as("over already").isNull();

    clock.advance(Duration.ofMinutes(1));
    assertThat(outage.failed(READ)).isEqualTo(Fault.FIRST);
    clock.advance(StoreOutage.ALERT_AFTER);
    assertThat(outage.failed(READ)).isEqualTo(Fault.ALERT);
  }

  @Test
  void aShortOutageEndsWithoutAnAlertOrAWordOfItsEnd() {
    HandClock clock = new HandClock(START);
    StoreOutage outage = new StoreOutage(clock);

    outage.failed(READ);
    clock.advance(Duration.ofMinutes(5));
    outage.failed(READ);

    assertThat(outage.answered(READ)).isNull();
    clock.advance(Duration.ofMinutes(6));
    assertThat(outage.failed(READ)).as("a new outage, counted from now").isEqualTo(Fault.FIRST);
  }

  @Test
  void readsThatAnswerDoNotEndAnOutageOfRenewalsWhichIsAlertedAfterTenMinutes() {
    HandClock clock = new HandClock(START);
    StoreOutage outage = new StoreOutage(clock);

    // A Redis that refuses writes (MISCONF, OOM, READONLY) and answers reads.
    assertThat(outage.failed(RENEWAL)).isEqualTo(Fault.FIRST);
    clock.advance(Duration.ofSeconds(30));
    assertThat(outage.answered(READ)).isNull();
    assertThat(outage.failing(RENEWAL)).isTrue();
    clock.advance(StoreOutage.ALERT_AFTER);
    assertThat(outage.failed(RENEWAL)).isEqualTo(Fault.ALERT);
    assertThat(outage.answered(READ)).as("still refusing writes").isNull();

    assertThat(outage.answered(RENEWAL)).isEqualTo(START);
    assertThat(outage.failing(RENEWAL)).isFalse();
  }

  @Test
  void anOutageOfBothEndsWhenBothAnswer() {
    HandClock clock = new HandClock(START);
    StoreOutage outage = new StoreOutage(clock);

    outage.failed(READ);
    clock.advance(Duration.ofMinutes(1));
    assertThat(outage.failed(RENEWAL)).as("the same outage").isEqualTo(Fault.QUIET);
    clock.advance(StoreOutage.ALERT_AFTER);
    assertThat(outage.failed(READ)).isEqualTo(Fault.ALERT);

    assertThat(outage.answered(READ)).isNull();
    assertThat(outage.since()).isEqualTo(START);
    assertThat(outage.answered(RENEWAL)).isEqualTo(START);
  }
}
