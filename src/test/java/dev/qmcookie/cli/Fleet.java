package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.testkit.RenewalAnswers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fleet on one machine: one real redis-server, one fake renewal endpoint that counts the requests
 * per uin, a seeding host that imports through the store in-process, and daemons as real processes,
 * each with its own home (holding a copy of the store's key file) and its own export file.
 */
final class Fleet implements AutoCloseable {
  static final String ACCOUNT = "default";
  static final String RENEW_AFTER = "1h";
  private static final Pattern STR_MUSICID = Pattern.compile("\"str_musicid\":\"(\\d+)\"");
  private static final Pattern SCHEDULED =
      Pattern.compile(" scheduled account=" + ACCOUNT + " due=(\\S+)");

  final Path dir;
  final RedisServer redis;
  final Renewals renewals = new Renewals();
  final MockWebServer endpoint = new MockWebServer();
  final CliRunner seed;
  private final List<Host> hosts = new ArrayList<>();

  Fleet(Path dir, RedisServer redis) throws IOException {
    this.dir = dir;
    this.redis = redis;
    endpoint.setDispatcher(renewals);
    endpoint.start(InetAddress.getLoopbackAddress(), 0);
    seed = new CliRunner(dir.resolve("seed"));
    // The daemons read the real clock: the seed's imports are dated by it too.
    seed.clock.advance(Duration.between(QqLogin.NOW, Instant.now()));
  }

  String endpointUrl() {
    return endpoint.url("/cgi-bin/musicu.fcg").toString();
  }

  Path keyFile() {
    return seed.home.resolve(StoreOptions.KEY_FILE);
  }

  /** Stores a login through the store, its key created at {@code keyCreated} (real time). */
  void store(String key, Instant keyCreated, String... extra) {
    List<String> line =
        new ArrayList<>(List.of("import", "--account", ACCOUNT, "-", "--store", redis.url()));
    line.addAll(List.of(extra));
    CliRunner.Result r =
        seed.runWithInput(
            QqLogin.header(QqLogin.UIN, key, keyCreated), line.toArray(String[]::new));
    assertThat(r.code()).as(r.toString()).isZero();
  }

  /**
   * A cookie whose --renew-after of {@value #RENEW_AFTER} runs out {@code in} from now: every
   * daemon plans its turn for that instant (--jitter 0s).
   */
  static Instant dueIn(Duration in) {
    return Instant.now().minus(Duration.ofHours(1)).plus(in);
  }

  /** The cookie the store holds now, as the seeding host exports it. */
  String storedCookie() {
    CliRunner.Result r = seed.run("export", "--store", redis.url());
    assertThat(r.code()).as(r.toString()).isZero();
    return r.out();
  }

  /** The account's document version in the store; 0 before its first. */
  long version() {
    String v = redis.raw().hget("qmcookie:account:" + ACCOUNT, "version");
    return v == null ? 0 : Long.parseLong(v);
  }

  /** The pid the account's lease names ("host:pid token"), if it is held. */
  long leaseHolderPid() {
    String value = redis.raw().get("qmcookie:account:" + ACCOUNT + ":lease");
    assertThat(value).as("the account's lease is held").isNotNull();
    String holder = value.substring(0, value.lastIndexOf(' '));
    return Long.parseLong(holder.substring(holder.lastIndexOf(':') + 1));
  }

  /** A home of its own, trusted (0700), with the store's key file copied in (0600). */
  Path home(String name) throws IOException {
    Path home = dir.resolve(name);
    Files.createDirectories(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    Path key = home.resolve(StoreOptions.KEY_FILE);
    Files.copy(keyFile(), key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    return home;
  }

  /** Starts a daemon process on a home of its own; {@code extra} goes at the end of its line. */
  Host daemon(String name, String... extra) throws IOException {
    return daemon(name, home(name), extra);
  }

  Host daemon(String name, Path home, String... extra) throws IOException {
    Path export = dir.resolve(name + "-meting/cookie/tencent");
    Files.createDirectories(export.getParent());
    List<String> line =
        new ArrayList<>(
            List.of(
                "daemon",
                "--home",
                home.toString(),
                "--store",
                redis.url(),
                "--endpoint",
                endpointUrl(),
                "--timeout",
                "20s",
                "--no-check",
                "--no-browser-fallback",
                "--renew-after",
                RENEW_AFTER,
                "--jitter",
                "0s",
                "--export",
                "header:" + export));
    line.addAll(List.of(extra));
    Path log = dir.resolve(name + ".log");
    Process process =
        MainProcessTest.command(line.toArray(String[]::new))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Host host = new Host(name, home, export, log, process);
    hosts.add(host);
    return host;
  }

  /** Every host's log, for a failure's message. */
  String logs() {
    StringBuilder all = new StringBuilder();
    for (Host h : hosts) {
      all.append("--- ").append(h.name()).append(" (pid ").append(h.process().pid()).append(")\n");
      all.append(h.log());
    }
    all.append("--- renewal requests per uin: ").append(renewals.perUin).append('\n');
    return all.toString();
  }

  /** Polls {@code condition} every 20 ms until {@code limit}, then fails with every host's log. */
  void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + limit + " waiting until " + what + "\n" + logs());
      }
      Thread.sleep(20);
    }
  }

  /**
   * Waits until every host has planned its next turn of the account at least {@code ahead} away, in
   * its latest "scheduled" line: none of them will send another request before then.
   */
  void awaitPlannedAhead(List<Host> which, Duration ahead) throws InterruptedException {
    await(
        "every daemon plans its next turn " + ahead + " ahead",
        Duration.ofSeconds(30),
        () -> which.stream().allMatch(h -> h.plannedAfter(Instant.now().plus(ahead))));
  }

  /** Every raw value in Redis, with its key. */
  Map<String, String> rawDump() {
    return SharedStoreTest.everything(redis.raw());
  }

  /** No raw key or value in Redis holds any of {@code secrets}, nor a token of the fake's. */
  void assertNoCookieValueInRedis(String... secrets) {
    String raw = rawDump().toString();
    assertThat(raw).as("the raw Redis values").isNotEmpty();
    for (String s : secrets) {
      assertThat(raw).as("the raw Redis values").doesNotContain(s);
    }
    assertThat(raw)
        .doesNotContain(QqLogin.REFRESH_TOKEN)
        .doesNotContain(QqLogin.ACCESS_TOKEN)
        .doesNotContain("REFRESHnew")
        .doesNotContain("ACCESSnew");
  }

  /** Stops every daemon still running with SIGTERM and checks it exits 0. */
  void stopAll() throws InterruptedException {
    for (Host h : hosts) {
      if (h.process().isAlive()) {
        h.process().destroy();
        assertThat(h.process().waitFor(15, TimeUnit.SECONDS)).as(h.log()).isTrue();
        assertThat(h.process().exitValue()).as(h.name() + ":\n" + h.log()).isZero();
      }
    }
  }

  @Override
  public void close() {
    for (Host h : hosts) {
      h.process().destroyForcibly();
    }
    for (Host h : hosts) {
      try {
        h.process().waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    renewals.release();
    endpoint.close();
  }

  /** One daemon: its process, home, export file and log. */
  record Host(String name, Path home, Path export, Path logFile, Process process) {
    String log() {
      try {
        return Files.exists(logFile) ? Files.readString(logFile) : "";
      } catch (IOException e) {
        return "(unreadable: " + e + ")";
      }
    }

    /** The export file's text, or "" before the daemon wrote it. */
    String exported() {
      try {
        return Files.exists(export) ? Files.readString(export) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    boolean exports(String key) {
      return exported().contains("qqmusic_key=" + key + ";");
    }

    boolean plannedAfter(Instant instant) {
      Matcher m = SCHEDULED.matcher(log());
      Instant last = null;
      while (m.find()) {
        last = Instant.parse(m.group(1));
      }
      return last != null && last.isAfter(instant);
    }
  }

  /**
   * The fake renewal endpoint: counts requests per uin (the request's str_musicid) and answers the
   * n-th request (from 1) with {@link #answer}; by default a new key {@code fleetKEYn} dated now.
   * An answer may wait on {@link #hold} until the test lets it go.
   */
  static final class Renewals extends Dispatcher {
    final Map<String, AtomicInteger> perUin = new ConcurrentHashMap<>();
    final AtomicInteger total = new AtomicInteger();
    final Map<Integer, Long> receivedAtNanos = new ConcurrentHashMap<>();
    final Map<Integer, Long> answeredAtNanos = new ConcurrentHashMap<>();
    final CountDownLatch hold = new CountDownLatch(1);
    volatile IntFunction<MockResponse> answer = n -> fresh(n);

    static String key(int n) {
      return "Q_H_L_63k3NfleetKEY" + n;
    }

    static MockResponse fresh(int n) {
      return RenewalAnswers.success(QqLogin.UIN, key(n), Instant.now());
    }

    int of(String uin) {
      AtomicInteger n = perUin.get(uin);
      return n == null ? 0 : n.get();
    }

    /** Lets every held answer go. */
    void release() {
      hold.countDown();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      Matcher uin = STR_MUSICID.matcher(request.getBody() == null ? "" : request.getBody().utf8());
      perUin
          .computeIfAbsent(uin.find() ? uin.group(1) : "?", k -> new AtomicInteger())
          .incrementAndGet();
      int n = total.incrementAndGet();
      receivedAtNanos.put(n, System.nanoTime());
      MockResponse response = answer.apply(n);
      answeredAtNanos.put(n, System.nanoTime());
      return response;
    }

    /** Holds this answer until {@link #release} (or two minutes), then answers it. */
    MockResponse held(MockResponse response) {
      try {
        hold.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return response;
    }
  }
}
