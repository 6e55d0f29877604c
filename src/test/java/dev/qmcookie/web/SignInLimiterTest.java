package dev.qmcookie.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.HandClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInLimiterTest {
  final HandClock clock = new HandClock(Instant.parse("2026-11-24T12:00:00Z"));
  final SignInLimiter limiter = new SignInLimiter(clock);

  @Test
  void aSpreadOfAddressesMeetsTheCapOfAll() {
    for (int i = 0; i < SignInLimiter.IN_ALL; i++) {
      String address = "10.0.0." + i;
      assertThat(limiter.waitFor(address)).as(address).isEmpty();
      limiter.failed(address);
    }
    assertThat(limiter.waitFor("10.0.1.1")).contains(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    assertThat(limiter.waitFor("10.0.1.1")).isEmpty();
  }

  @Test
  void oneAddressAtItsLimitLeavesTheOthersFree() {
    for (int i = 0; i < SignInLimiter.PER_ADDRESS; i++) {
      limiter.failed("10.0.0.1");
    }
    assertThat(limiter.waitFor("10.0.0.1")).isPresent();
    assertThat(limiter.waitFor("10.0.0.2")).isEmpty();
  }
}
