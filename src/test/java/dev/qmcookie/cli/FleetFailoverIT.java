package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cli.Fleet.Host;
import dev.qmcookie.cli.Fleet.Renewals;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.testkit.RenewalAnswers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * kill -9 of the daemon that holds an account's lease, in the middle of its renewal: another host
 * renews once the lease runs out, and the stored cookie is never lost nor rolled back. An IT (about
 * 70 s) because the hosts that were skipped look again no sooner than a minute later
 * (schedule/Timetable.SKIP_LEAST_WAIT), which keeps FleetProcessTest short enough for every build.
 */
class FleetFailoverIT {
  static final Duration LEASE = Duration.ofSeconds(3);

  @TempDir Path tmp;

  @Test
  void killingTheLeaseHolderMidRenewalLetsAnotherHostRenewOnceItsLeaseRunsOutAndNothingRollsBack()
      throws Exception {
    try (RedisServer redis = RedisServer.started();
        Fleet fleet = new Fleet(tmp, redis)) {
      String firstKey = "Q_H_L_63k3NfirstKEYstored01";
      fleet.store(firstKey, Instant.now());
      String lease = "--store-lease=" + LEASE.toSeconds() + "s";
      List<Host> hosts =
          List.of(
              fleet.daemon("host-a", lease),
              fleet.daemon("host-b", lease),
              fleet.daemon("host-c", lease));
      fleet.await(
          "every daemon exports the first cookie and plans its turn",
          Duration.ofSeconds(30),
          () ->
              hosts.stream()
                  .allMatch(
                      h -> h.exports(firstKey) && h.log().contains(" scheduled account=default")));
      // The first request is never answered while its sender lives: it is killed meanwhile.
      Renewals renewals = fleet.renewals;
      renewals.answer =
          n ->
              n == 1
                  ? renewals.held(
                      RenewalAnswers.success(
                          QqLogin.UIN, "Q_H_L_63k3NneverSTORED01", Instant.now()))
                  : Renewals.fresh(n);
      String dueKey = "Q_H_L_63k3NdueKEYstored0002";
      fleet.store(dueKey, Fleet.dueIn(Duration.ofSeconds(4)), "--replace");
      long versionBefore = fleet.version();
      fleet.await(
          "every daemon exports the replaced cookie",
          Duration.ofSeconds(4),
          () -> hosts.stream().allMatch(h -> h.exports(dueKey)));

      fleet.await(
          "the first renewal request reaches the fake",
          Duration.ofSeconds(30),
          () -> renewals.total.get() == 1);
      long holderPid = fleet.leaseHolderPid();
      Host holder =
          hosts.stream()
              .filter(h -> h.process().pid() == holderPid)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no daemon holds the lease\n" + fleet.logs()));
      List<Host> survivors = hosts.stream().filter(h -> h != holder).toList();
      VersionWatch watch = VersionWatch.start(fleet);
      try {
        holder.process().destroyForcibly(); // kill -9, its request in hand
        assertThat(holder.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

        String renewed = Renewals.key(2);
        fleet.await(
            "a surviving daemon renews and every survivor exports it",
            Duration.ofSeconds(120),
            () -> survivors.stream().allMatch(h -> h.exports(renewed)));
        fleet.awaitPlannedAhead(survivors, Duration.ofMinutes(50));
        // The dead holder's answer goes nowhere: nothing may change after it.
        renewals.release();
        Thread.sleep(2000);

        assertThat(renewals.of(QqLogin.UIN)).as(fleet.logs()).isEqualTo(2);
        assertThat(
                Duration.ofNanos(renewals.receivedAtNanos.get(2) - renewals.receivedAtNanos.get(1)))
            .as("the second request waited for the holder's lease to run out")
            .isGreaterThanOrEqualTo(LEASE);
        assertThat(survivors.stream().filter(h -> h.log().contains(" renewed account=default")))
            .as("one survivor renewed")
            .hasSize(1);
        assertThat(fleet.version()).as("one write in all").isEqualTo(versionBefore + 1);
        assertThat(fleet.storedCookie()).contains("qqmusic_key=" + renewed + ";");
        assertThat(holder.exports(dueKey)).as("the killed host's export was left whole").isTrue();
        fleet.assertNoCookieValueInRedis(
            "Q_H_L_63k3NfirstKEY", "Q_H_L_63k3NdueKEY", "Q_H_L_63k3NneverSTORED", renewed);
      } finally {
        watch.stop();
      }
      assertThat(watch.wentBack).as("the store's version never went backwards").isFalse();
      assertThat(watch.highest).hasValue(versionBefore + 1);
      fleet.stopAll();
    }
  }

  /** Reads the store's version every 20 ms, noting whether it ever went down. */
  private static final class VersionWatch {
    final AtomicLong highest = new AtomicLong();
    final AtomicBoolean wentBack = new AtomicBoolean();
    final AtomicBoolean running = new AtomicBoolean(true);
    Thread thread;

    static VersionWatch start(Fleet fleet) {
      VersionWatch w = new VersionWatch();
      try (Jedis raw = new Jedis("127.0.0.1", fleet.redis.port())) {
        w.highest.set(Long.parseLong(raw.hget("qmcookie:account:default", "version")));
      }
      w.thread =
          new Thread(
              () -> {
                try (Jedis raw = new Jedis("127.0.0.1", fleet.redis.port())) {
                  while (w.running.get()) {
                    long v = Long.parseLong(raw.hget("qmcookie:account:default", "version"));
                    if (v < w.highest.get()) {
                      w.wentBack.set(true);
                    }
                    w.highest.accumulateAndGet(v, Math::max);
                    Thread.sleep(20);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "version-watch");
      w.thread.start();
      return w;
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(5000);
    }
  }
}
