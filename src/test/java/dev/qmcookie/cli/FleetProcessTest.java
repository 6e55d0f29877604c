package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cli.Fleet.Host;
import dev.qmcookie.cli.Fleet.Renewals;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.testkit.RenewalAnswers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of daemon processes (each its own home and export file) sharing one real redis-server,
 * renewing against one fake endpoint: what issue #14 asks of the fleet, counted at the fake and
 * read on disk. The kill -9 of a lease holder waits out the daemons' minute after a skip, so it
 * runs as FleetFailoverIT.
 */
class FleetProcessTest {
  /** The contract for every host's export after a write to the store. */
  static final Duration CONVERGES_WITHIN = Duration.ofSeconds(2);

  @TempDir Path tmp;
  RedisServer redis;
  Fleet fleet;

  @AfterEach
  void tearDown() {
    if (fleet != null) {
      fleet.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private Fleet fleet(RedisServer server) throws Exception {
    redis = server;
    fleet = new Fleet(tmp, server);
    return fleet;
  }

  /** Starts the daemons, and waits until each has exported {@code key} and planned its turn. */
  private static void awaitStarted(Fleet fleet, List<Host> hosts, String key) throws Exception {
    fleet.await(
        "every daemon exports " + key + " and plans its turn",
        Duration.ofSeconds(30),
        () ->
            hosts.stream()
                .allMatch(h -> h.exports(key) && h.log().contains(" scheduled account=default")));
  }

  @Test
  void threeDaemonsSendOneRequestForADueTimeAndEveryExportHasTheNewKeyWithin2s() throws Exception {
    Fleet fleet = fleet(RedisServer.started());
    fleet.store("Q_H_L_63k3NfirstKEYstored01", Instant.now());
    List<Host> hosts =
        List.of(fleet.daemon("host-a"), fleet.daemon("host-b"), fleet.daemon("host-c"));
    awaitStarted(fleet, hosts, "Q_H_L_63k3NfirstKEYstored01");

    // Made due a few seconds on, once all three follow the store: they all plan the same instant.
    String dueKey = "Q_H_L_63k3NdueKEYstored0002";
    fleet.store(dueKey, Fleet.dueIn(Duration.ofSeconds(4)), "--replace");
    long versionBefore = fleet.version();
    fleet.await(
        "every daemon exports the replaced cookie",
        Duration.ofSeconds(4),
        () -> hosts.stream().allMatch(h -> h.exports(dueKey)));

    String renewed = Renewals.key(1);
    Map<String, Long> seenAtNanos = new LinkedHashMap<>();
    fleet.await(
        "every export holds the renewed key",
        Duration.ofSeconds(30),
        () -> {
          for (Host h : hosts) {
            if (!seenAtNanos.containsKey(h.name()) && h.exports(renewed)) {
              seenAtNanos.put(h.name(), System.nanoTime());
            }
          }
          return seenAtNanos.size() == hosts.size();
        });
    long answeredAt = fleet.renewals.answeredAtNanos.get(1);
    // Past the point where a second request would come: each daemon's next turn is the new
    // cookie's due time, an hour on, and a little more time shows that nothing else was sent.
    fleet.awaitPlannedAhead(hosts, Duration.ofMinutes(50));
    Thread.sleep(2000);

    assertThat(fleet.renewals.of(QqLogin.UIN)).as(fleet.logs()).isEqualTo(1);
    assertThat(fleet.renewals.total).hasValue(1);
    assertThat(fleet.version()).as("one write for the one renewal").isEqualTo(versionBefore + 1);
    assertThat(fleet.storedCookie()).contains("qqmusic_key=" + renewed + ";");
    for (Host h : hosts) {
      Duration took = Duration.ofNanos(seenAtNanos.get(h.name()) - answeredAt);
      System.out.printf(
          "FleetProcessTest: %s exported the renewed key %d ms after the fake's answer%n",
          h.name(), took.toMillis());
      assertThat(took).as(h.name() + "\n" + fleet.logs()).isLessThanOrEqualTo(CONVERGES_WITHIN);
    }
    assertThat(hosts.stream().filter(h -> h.log().contains(" renewed account=default via=http")))
        .as("one daemon renewed")
        .hasSize(1);
    fleet.assertNoCookieValueInRedis("Q_H_L_63k3NfirstKEY", "Q_H_L_63k3NdueKEY", renewed);
    fleet.stopAll();
  }

  @Test
  void aDaemonAndARenewalWithAnotherHostsKeyExit5AndWriteNothingToRedisNorAnExport()
      throws Exception {
    Fleet fleet = fleet(RedisServer.started());
    fleet.store("Q_H_L_63k3NsealedKEYstored01", Fleet.dueIn(Duration.ZERO));
    Path home = fleet.home("stranger");
    Path wrong = home.resolve(StoreOptions.KEY_FILE);
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    Files.writeString(wrong, Base64.getEncoder().encodeToString(otherKey) + "\n");
    Map<String, String> before = fleet.rawDump();

    Host daemon = fleet.daemon("stranger", home);
    assertThat(daemon.process().waitFor(30, TimeUnit.SECONDS)).as(daemon.log()).isTrue();
    Process renewal =
        MainProcessTest.command(
                "renew",
                "--force",
                "--home",
                home.toString(),
                "--store",
                redis.url(),
                "--endpoint",
                fleet.endpointUrl())
            .redirectErrorStream(true)
            .start();
    assertThat(renewal.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String renewalOutput = new String(renewal.getInputStream().readAllBytes());

    String says = "the key file " + wrong + " does not open the store " + redis.url();
    assertThat(daemon.process().exitValue()).as(daemon.log()).isEqualTo(5);
    assertThat(daemon.log()).contains(says);
    assertThat(renewal.exitValue()).as(renewalOutput).isEqualTo(5);
    assertThat(renewalOutput).contains(says);
    assertThat(fleet.rawDump()).as("nothing was written to Redis").isEqualTo(before);
    assertThat(daemon.export()).as("no export").doesNotExist();
    assertThat(fleet.renewals.total).as("no renewal request").hasValue(0);
    fleet.assertNoCookieValueInRedis("Q_H_L_63k3NsealedKEY");
  }

  @Test
  void aRenewalWhoseLeaseRanOutWhileAnotherHostRenewedIsNotStoredButPutAsideForImport()
      throws Exception {
    Fleet fleet = fleet(RedisServer.started());
    fleet.store("Q_H_L_63k3NoldKEYstored0001", Fleet.dueIn(Duration.ZERO));
    long versionBefore = fleet.version();
    String stale = "Q_H_L_63k3NstaleKEYlate0001";
    String fresh = "Q_H_L_63k3NfreshKEYother001";
    // The late host's answer comes only once the other host has renewed.
    fleet.renewals.answer =
        n ->
            n == 1
                ? fleet.renewals.held(RenewalAnswers.success(QqLogin.UIN, stale, Instant.now()))
                : RenewalAnswers.success(QqLogin.UIN, fresh, Instant.now());
    Path lateHome = fleet.home("late-host");
    Path otherHome = fleet.home("other-host");

    Process late = renewForce(fleet, lateHome, "--store-lease", "1s").start();
    fleet.await(
        "the late host's request reaches the fake",
        Duration.ofSeconds(30),
        () -> fleet.renewals.total.get() == 1);
    fleet.await(
        "the late host's 1 s lease runs out",
        Duration.ofSeconds(10),
        () -> !redis.raw().exists("qmcookie:account:default:lease"));
    Process other = renewForce(fleet, otherHome).redirectErrorStream(true).start();
    assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String otherOutput = new String(other.getInputStream().readAllBytes());
    fleet.renewals.release();
    assertThat(late.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String lateErr = new String(late.getErrorStream().readAllBytes());

    assertThat(other.exitValue()).as(otherOutput).isZero();
    assertThat(otherOutput).contains("default: renewed");
    assertThat(late.exitValue()).as(lateErr).isEqualTo(1);
    Path recovered = lateHome.resolve("default").resolve("cookie.json.recovered");
    assertThat(lateErr.lines())
        .singleElement()
        .asString()
        .contains("written by another host since version " + versionBefore)
        .contains("it was written to " + recovered)
        .contains("qmcookie import --replace --file " + recovered + " --account default")
        .doesNotContain(stale)
        .doesNotContain(fresh);
    assertThat(ImportCommandTest.perms(recovered)).isEqualTo("rw-------");
    assertThat(Files.readString(recovered)).contains(stale);
    assertThat(fleet.storedCookie())
        .as("the store keeps the other host's cookie")
        .contains("qqmusic_key=" + fresh + ";");
    assertThat(fleet.version())
        .as("only the other host's write landed")
        .isEqualTo(versionBefore + 1);
    assertThat(fleet.renewals.of(QqLogin.UIN)).isEqualTo(2);
    fleet.assertNoCookieValueInRedis("Q_H_L_63k3NoldKEY", stale, fresh);
  }

  @Test
  void
      whileRedisIsDownTheExportsStayByteForByteAndOnceItIsBackTheDaemonsRenewAndExportByThemselves()
          throws Exception {
    Fleet fleet = fleet(RedisServer.persistent());
    fleet.store("Q_H_L_63k3NfirstKEYstored01", Instant.now());
    List<Host> hosts = List.of(fleet.daemon("host-a"), fleet.daemon("host-b"));
    awaitStarted(fleet, hosts, "Q_H_L_63k3NfirstKEYstored01");
    // Due a few seconds on: the turn comes while Redis is away.
    String dueKey = "Q_H_L_63k3NdueKEYstored0002";
    fleet.store(dueKey, Fleet.dueIn(Duration.ofSeconds(5)), "--replace");
    long versionBefore = fleet.version();
    fleet.await(
        "every daemon exports the replaced cookie",
        Duration.ofSeconds(3),
        () -> hosts.stream().allMatch(h -> h.exports(dueKey)));
    Map<Path, byte[]> exportsBefore = new LinkedHashMap<>();
    for (Host h : hosts) {
      exportsBefore.put(h.export(), Files.readAllBytes(h.export()));
    }

    redis.stop();
    fleet.await(
        "every daemon's due turn meets the store away",
        Duration.ofSeconds(30),
        () ->
            hosts.stream()
                .allMatch(
                    h ->
                        h.log()
                            .lines()
                            .anyMatch(
                                l ->
                                    l.contains(" retrying account=default")
                                        && l.contains("state=store-unreachable"))));
    for (Host h : hosts) {
      assertThat(Files.readAllBytes(h.export()))
          .as(h.name() + " keeps its last export while the store is away")
          .isEqualTo(exportsBefore.get(h.export()));
    }
    assertThat(fleet.renewals.total).as("nothing is sent without the store").hasValue(0);

    redis.start();
    String renewed = Renewals.key(1);
    fleet.await(
        "the daemons follow the store again and export the renewed key",
        Duration.ofSeconds(45),
        () -> hosts.stream().allMatch(h -> h.exports(renewed)));
    fleet.awaitPlannedAhead(hosts, Duration.ofMinutes(50));

    assertThat(hosts).allMatch(h -> h.process().isAlive(), "no daemon was restarted");
    assertThat(fleet.renewals.of(QqLogin.UIN)).as(fleet.logs()).isEqualTo(1);
    assertThat(fleet.version())
        .as("the append-only file kept the store, and the renewal wrote once")
        .isEqualTo(versionBefore + 1);
    assertThat(fleet.storedCookie()).contains("qqmusic_key=" + renewed + ";");
    fleet.assertNoCookieValueInRedis("Q_H_L_63k3NfirstKEY", "Q_H_L_63k3NdueKEY", renewed);
    fleet.stopAll();
  }

  private static ProcessBuilder renewForce(Fleet fleet, Path home, String... extra) {
    List<String> line =
        new ArrayList<>(
            List.of(
                "renew",
                "--force",
                "--home",
                home.toString(),
                "--store",
                fleet.redis.url(),
                "--endpoint",
                fleet.endpointUrl(),
                "--timeout",
                "60s"));
    line.addAll(List.of(extra));
    return MainProcessTest.command(line.toArray(String[]::new));
  }
}
