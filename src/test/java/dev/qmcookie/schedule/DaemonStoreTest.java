package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonRun.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.HandClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon following a shared store: another host's write reaches this host's exports by the
 * store's message, or by the periodic re-read when the message was missed; without a store, nothing
 * polls.
 */
class DaemonStoreTest {
  static final Duration NEVER = Duration.ofDays(1);

  @TempDir Path home;
  @TempDir Path exportDir;

  List<ExportTarget> targets() {
    return List.of(ExportTarget.parse("header:" + exportDir.resolve("tencent")));
  }

  @Test
  void anotherHostsWriteIsExportedWithinTwoSecondsOfTheStoresMessage() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice");
    DaemonRun run = new DaemonRun(store, clock, null, targets(), null, NEVER);
    try (run) {
      run.await(() -> store.exports.contains("alice#1") && store.followed());

      store.store("alice");
      long written = System.nanoTime();
      store.publish();
      run.await(() -> store.exports.contains("alice#2"));
      Duration took = Duration.ofNanos(System.nanoTime() - written);

      assertThat(took).isLessThan(Duration.ofSeconds(2));
    }
    assertThat(store.exports).containsExactly("alice#1", "alice#2");
    assertThat(run.log())
        .contains(
            " started home=" + home.toAbsolutePath() + " exports=1 store=redis://127.0.0.1:6390/0")
        .contains("exported account=alice why=start files=1")
        .contains("changed account=alice")
        .contains("exported account=alice why=stored files=1");
    assertThat(store.renewals).hasValue(0);
  }

  @Test
  void aMissedMessageIsCaughtUpByReadingTheStoreAgain() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice");
    DaemonRun run = new DaemonRun(store, clock, null, targets(), null, Duration.ofMillis(200));
    try (run) {
      run.await(() -> store.exports.contains("alice#1"));

      // Written while this host's connection was down: no message ever comes.
      store.store("alice");
      run.await(() -> store.exports.contains("alice#2"));
    }
    assertThat(run.log()).contains("exported account=alice why=stored");
  }

  @Test
  void anAccountThatAppearsInTheStoreLaterIsExportedAsAChange() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    DaemonRun run = new DaemonRun(store, clock, null, targets(), null, NEVER);
    try (run) {
      run.await(() -> store.reads.get() >= 1 && store.followed());
      store.store("alice");
      store.publish();
      run.await(() -> store.exports.contains("alice#1"));
    }
    assertThat(run.log()).contains("exported account=alice why=stored");
  }

  @Test
  void aStoreSilentAtTheStartIsFollowedAndExportedOnceItAnswers() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts store = new SharedAccounts(home, clock);
    store.store("alice");
    store.down = true;
    DaemonRun run = new DaemonRun(store, clock, null, targets(), null, Duration.ofMillis(100));
    try (run) {
      run.await(() -> run.log().contains("cannot read the store"));
      assertThat(store.exports).isEmpty();

      store.down = false;
      run.await(() -> store.followed() && store.exports.contains("alice#1"));
    }
    assertThat(run.log())
        .contains("exported account=alice why=start")
        .doesNotContain("cannot follow");
  }

  @Test
  void withoutAStoreNothingIsReadAgainUntilTheHomeChanges() throws Exception {
    HandClock clock = new HandClock(START);
    SharedAccounts files =
        new SharedAccounts(home, clock) {
          @Override
          public boolean shared() {
            return false;
          }
        };
    files.store("alice");
    DaemonRun run = new DaemonRun(files, clock, null, targets(), null, Duration.ofMillis(50));
    try (run) {
      run.await(() -> files.exports.contains("alice#1"));
      Thread.sleep(500);
    }
    assertThat(files.reads).hasValue(1);
    assertThat(files.followed()).isFalse();
  }
}
