package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonRun.START;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.testkit.HandClock;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared store goes back to an older login (Redis restarted empty and an old vault pushed, or
 * an append-only file that lost its last second): the exports keep the newer login this daemon
 * handed over, the rollback is logged with both key times and alerted once.
 */
class DaemonStoreOlderTest {
  static final Duration NEVER = Duration.ofDays(1);
  static final String HOOK =
      "printf '%s|%s|%s|%s\\n' \"$QMCOOKIE_ACCOUNT\" \"$QMCOOKIE_STATE\" \"$QMCOOKIE_OUTCOME\""
          + " \"$QMCOOKIE_EXIT_CODE\" >> ";

  @TempDir Path home;
  @TempDir Path tmp;

  List<ExportTarget> targets() {
    return List.of(ExportTarget.parse("header:" + tmp.resolve("tencent")));
  }

  @Test
  void anOlderLoginPushedAfterTheAccountLeftTheStoreIsNotExportedAndAlertedOnce() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice");
    Path hook = tmp.resolve("hook");
    Instant newer = START.plus(Duration.ofHours(1));
    try (MockWebServer alerts = new MockWebServer()) {
      alerts.start(InetAddress.getLoopbackAddress(), 0);
      alerts.enqueue(new MockResponse.Builder().code(204).build());
      alerts.enqueue(new MockResponse.Builder().code(204).build());
      DaemonRun run =
          new DaemonRun(
              store, clock, DaemonSkipTest.notifier(alerts, clock), targets(), HOOK + hook, NEVER);
      try (run) {
        run.await(() -> store.exports.contains("alice#1") && store.followed());
        clock.set(newer);
        store.store("alice");
        store.publish();
        run.await(() -> store.exports.contains("alice#2"));

        // Redis restarts empty, then someone pushes a vault holding the login of START.
        store.remove("alice");
        store.publish();
        run.await(() -> run.log().contains(" removed account=alice"));
        store.store("alice", START);
        store.publish();
        run.await(() -> run.log().contains(" store-older account=alice"));
        run.await(() -> alerts.getRequestCount() == 1);
        // Another write of that same old login: logged again, not alerted again.
        store.store("alice", START);
        store.publish();
        run.await(() -> run.log().lines().filter(l -> l.contains(" store-older ")).count() == 2);
        Thread.sleep(300);
        assertThat(store.exports).containsExactly("alice#1", "alice#2");

        // A newer login than the one exported is handed over as ever.
        clock.set(newer.plus(Duration.ofHours(1)));
        store.store("alice");
        store.publish();
        run.await(() -> store.exports.contains("alice#3"));
      }
      assertThat(run.log())
          .contains(" store-older account=alice stored=" + START + " exported=" + newer);
      assertThat(alerts.getRequestCount()).isEqualTo(1);
      JsonNode alert =
          new ObjectMapper().readTree(alerts.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
      assertThat(alert.get("event").asText()).isEqualTo("store-older");
      assertThat(alert.get("account").asText()).isEqualTo("alice");
      assertThat(alert.get("message").asText()).contains("older login").contains(newer.toString());
    }
    assertThat(Files.readAllLines(hook)).containsExactly("alice|store-older|failed|4");
    assertThat(store.exports).containsExactly("alice#1", "alice#2", "alice#3");
  }

  @Test
  void theDaemonsOwnRenewalIsTheLoginAnOlderStoredOneIsMeasuredBy() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    Instant older = START.minus(SharedAccounts.DUE_AFTER).minus(Duration.ofHours(1));
    store.store("alice", older);
    DaemonRun run = new DaemonRun(store, clock, null, targets(), null, NEVER);
    try (run) {
      run.await(() -> run.log().contains(" renewed account=alice"));
      assertThat(store.exports).containsExactly("alice#1", "alice#2");

      // The store loses the renewal (an append-only file's last second) and holds the old login.
      store.store("alice", older);
      store.publish();
      run.await(() -> run.log().contains(" store-older account=alice"));
      // The old login is past its due time: a turn would come at once if one were planned.
      Thread.sleep(500);
      assertThat(store.renewals).hasValue(1);

      // A newer document in the store ends the wait.
      clock.advance(Duration.ofMinutes(1));
      store.store("alice");
      store.publish();
      run.await(() -> store.exports.contains("alice#4"));
    }
    assertThat(run.log())
        .contains(" store-older account=alice stored=" + older + " exported=" + START);
    // The old login is neither renewed nor handed over, nor checked: its refresh key was most
    // likely used up by the newer login, and a renewal could lose the login.
    assertThat(run.log().lines().filter(l -> l.contains(" renewed account=alice")).count())
        .isEqualTo(1);
    assertThat(store.exports).containsExactly("alice#1", "alice#2", "alice#4");
  }

  @Test
  void anOlderLoginImportedOnPurposeLaterIsExported() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice");
    DaemonRun run = new DaemonRun(store, clock, null, targets(), null, NEVER);
    try (run) {
      run.await(() -> store.exports.contains("alice#1") && store.followed());

      // import --replace of a login whose key is an hour older, stored now.
      clock.advance(Duration.ofMinutes(1));
      store.replace("alice", START.minus(Duration.ofHours(1)));
      store.publish();
      run.await(() -> store.exports.contains("alice#2"));
    }
    assertThat(run.log()).doesNotContain("store-older");
  }
}
