package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonRun.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.renew.Sleeper;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon started while its shared store is down waits for it, a little longer each time up to a
 * minute, alerts once after ten minutes, and starts when the store answers; a store it can never
 * use (a wrong key) fails the start at once.
 */
class StoreOpeningTest {
  static final String DOWN =
      "the store redis://127.0.0.1:6390/0 does not answer (Connection refused)";

  @TempDir Path home;
  @TempDir Path tmp;
  HandClock clock = new HandClock(START);
  StringWriter out = new StringWriter();
  EventLog log = new EventLog(new PrintWriter(out, true), EventLog.Format.TEXT, clock);
  List<Duration> waits = new CopyOnWriteArrayList<>();
  // Waits as the daemon would, on the hand clock.
  Sleeper sleeper =
      d -> {
        waits.add(d);
        clock.advance(d);
      };

  /** Fails as RedisStore.open does while Redis is down, until the clock reaches {@code upAt}. */
  DaemonSetup.VaultOpener downUntil(Duration upAt, AtomicInteger tries) {
    return () -> {
      tries.incrementAndGet();
      if (clock.instant().isBefore(START.plus(upAt))) {
        throw new TransientFailureException(
            DOWN, 0, Verdict.STORE_UNREACHABLE, new IOException("Connection refused"));
      }
      return new Vault(home, Duration.ofSeconds(5));
    };
  }

  long lines(String event) {
    return out.toString().lines().filter(l -> l.contains(" " + event + " ")).count();
  }

  @Test
  void aStoreDownAtTheStartIsWaitedForWithADoublingPauseAndTheDaemonStartsWhenItAnswers()
      throws Exception {
    AtomicInteger tries = new AtomicInteger();

    Vault vault =
        DaemonSetup.openVault(
            downUntil(Duration.ofSeconds(7), tries),
            null,
            Duration.ofSeconds(10),
            null,
            null,
            log,
            clock,
            sleeper);

    assertThat(vault.home()).isEqualTo(home);
    assertThat(waits)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(tries).hasValue(4);
    assertThat(out.toString())
        .contains("Z error message=\"cannot open the store: " + DOWN + "; trying again in 1s\"")
        .contains("trying again in 4s\"")
        .doesNotContain("store-unreachable")
        .doesNotContain("store-back");
    assertThat(lines("error")).isEqualTo(3);
  }

  @Test
  void tenMinutesWithoutTheStoreAreAlertedOnceWithPausesOfAMinuteAtMost() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    Path hook = tmp.resolve("hook");
    String onFailure =
        "printf '%s|%s|%s\\n' \"$QMCOOKIE_ACCOUNT\" \"$QMCOOKIE_STATE\" \"$QMCOOKIE_EXIT_CODE\" >> "
            + hook;
    try (MockWebServer alerts = new MockWebServer()) {
      alerts.start(InetAddress.getLoopbackAddress(), 0);
      alerts.enqueue(new MockResponse.Builder().code(204).build());

      DaemonSetup.openVault(
          downUntil(Duration.ofMinutes(15), tries),
          onFailure,
          Duration.ofSeconds(10),
          alerts.url("/alert"),
          NotifierTest.CLIENT,
          log,
          clock,
          sleeper);

      assertThat(alerts.getRequestCount()).isEqualTo(1);
      JsonNode alert =
          new ObjectMapper().readTree(alerts.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
      assertThat(alert.get("event").asText()).isEqualTo("store-unreachable");
      assertThat(alert.get("code").asInt()).isEqualTo(4);
      assertThat(alert.get("message").asText())
          .contains("has not answered for 10 minutes")
          .contains(DOWN)
          .contains("the daemon has not started");
    }
    assertThat(waits).allMatch(d -> d.compareTo(Duration.ofMinutes(1)) <= 0);
    assertThat(waits).contains(Duration.ofSeconds(32)).endsWith(Duration.ofMinutes(1));
    assertThat(lines("error")).as("one line per try, not per second").isEqualTo(tries.get() - 1);
    assertThat(tries.get()).isLessThan(30);
    assertThat(lines("store-unreachable")).isEqualTo(1);
    assertThat(out.toString()).contains(" store-unreachable since=" + START + " ");
    assertThat(lines("store-back")).isEqualTo(1);
    assertThat(Files.readAllLines(hook)).containsExactly("|store-unreachable|4");
  }

  @Test
  void aStoreThatCannotBeUsedFailsTheStartAtOnce() {
    InvalidInputException wrongKey =
        new InvalidInputException("the key file does not open the store: use the store's key");

    assertThatThrownBy(
            () ->
                DaemonSetup.openVault(
                    () -> {
                      throw wrongKey;
                    },
                    null,
                    Duration.ofSeconds(10),
                    null,
                    null,
                    log,
                    clock,
                    sleeper))
        .isSameAs(wrongKey);
    assertThat(waits).isEmpty();
    assertThat(out.toString()).isEmpty();
  }
}
