package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void aRenewalTriesThreeTimesPausingTwoThenFourSeconds() {
    Backoff b = Backoff.RENEWAL;

    assertThat(b.pauseAfter(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.pauseAfter(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.allowsAnotherAfter(2)).isTrue();
    assertThat(b.allowsAnotherAfter(3)).isFalse();
  }

  @Test
  void theDaemonDoublesFromOneMinuteToOneHourAndNeverRunsOutOfTries() {
    Backoff b = Backoff.DAEMON;

    assertThat(b.pauseAfter(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(b.pauseAfter(6)).isEqualTo(Duration.ofMinutes(32));
    assertThat(b.pauseAfter(7)).isEqualTo(Duration.ofHours(1));
    // So many doublings overflow a long; the pause must stay at the cap, not wrap around.
    assertThat(b.pauseAfter(100_000)).isEqualTo(Duration.ofHours(1));
    assertThat(b.allowsAnotherAfter(1_000_000)).isTrue();
  }

  @Test
  void aFactorOtherThanTwoAndAnUnreachableCapAreFollowed() {
    Backoff b = new Backoff(Duration.ofMillis(100), 3.0, Duration.ofDays(1), 5);

    assertThat(b.pauseAfter(3)).isEqualTo(Duration.ofMillis(900));
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Backoff.RENEWAL.pauseAfter(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
