package dev.qmcookie.schedule;

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

    assertThat(outage.failed()).isEqualTo(Fault.FIRST);
    clock.advance(Duration.ofMinutes(9).plusSeconds(59));
    assertThat(outage.failed()).isEqualTo(Fault.QUIET);
    clock.advance(Duration.ofSeconds(1));
    assertThat(outage.failed()).isEqualTo(Fault.ALERT);
    clock.advance(Duration.ofHours(3));
    assertThat(outage.failed()).isEqualTo(Fault.QUIET);

    assertThat(outage.answered()).isEqualTo(START);
    assertThat(outage.answered()).as("over already").isNull();

    clock.advance(Duration.ofMinutes(1));
    assertThat(outage.failed()).isEqualTo(Fault.FIRST);
    clock.advance(StoreOutage.ALERT_AFTER);
    assertThat(outage.failed()).isEqualTo(Fault.ALERT);
  }

  @Test
  void aShortOutageEndsWithoutAnAlertOrAWordOfItsEnd() {
    HandClock clock = new HandClock(START);
    StoreOutage outage = new StoreOutage(clock);

    outage.failed();
    clock.advance(Duration.ofMinutes(5));
    outage.failed();

    assertThat(outage.answered()).isNull();
    clock.advance(Duration.ofMinutes(6));
    assertThat(outage.failed()).as("a new outage, counted from now").isEqualTo(Fault.FIRST);
  }
}
