package dev.qmcookie.bench;

import dev.qmcookie.cli.Main;
import dev.qmcookie.testkit.RedisServer;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The shared store's benchmarks (#14), each against a real {@code redis-server} on a free loopback
 * port and a local fake renewal endpoint, with every host a separate JVM and a home of its own. Run
 * them with {@code docs/bench.sh renew-all-store|idle-store|follow}; see {@code
 * docs/benchmarks.md}.
 *
 * <p>Arguments: {@code renew-all ACCOUNTS ROUNDS HOSTS}, {@code idle ACCOUNTS SECONDS [JVM flags…]}
 * or {@code follow ROUNDS}.
 */
public final class FleetBenchmarks {
  private static final Pattern UIN = Pattern.compile("(?:^|; )uin=(\\d+)");
  private static final Duration HOST_TIMEOUT = Duration.ofMinutes(5);
  // StoreLayout.CHANGES: every write's "NAME VERSION" message, which the hosts follow.
  private static final String CHANGES = "qmcookie:changes";

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "renew-all";
    int first = args.length > 1 ? Integer.parseInt(args[1]) : -1;
    switch (what) {
      case "renew-all" ->
          renewAll(
              first > 0 ? first : 1000,
              args.length > 2 ? Integer.parseInt(args[2]) : 3,
              args.length > 3 ? Integer.parseInt(args[3]) : 3);
      case "idle" ->
          idle(
              first > 0 ? first : 1,
              args.length > 2 ? Integer.parseInt(args[2]) : 60,
              args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of());
      case "follow" -> follow(first > 0 ? first : 20);
      default -> throw new IllegalArgumentException("renew-all, idle or follow, not " + what);
    }
  }

  /**
   * {@code renew --all --force} from the file vault, from one host through the store and from HOSTS
   * hosts at once through the store, each round on fresh accounts. Exits 1 when the fake saw an
   * account renewed twice, or one not renewed at all.
   */
  static void renewAll(int accounts, int rounds, int hosts) throws Exception {
    Path dir = Files.createTempDirectory("qmcookie-fleet-");
    Path seed = dir.resolve("seed");
    Instant created = Instant.now().minus(Duration.ofHours(21));
    RenewAllBenchmark.seed(seed, accounts, created);
    CountingRenewal fake = new CountingRenewal();
    boolean failed = false;
    try (MockWebServer server = new MockWebServer();
        RedisServer redis = RedisServer.started()) {
      server.setDispatcher(fake);
      server.start(InetAddress.getLoopbackAddress(), 0);
      String endpoint = server.url("/cgi-bin/musicu.fcg").toString();
      Fleet fleet = new Fleet(redis, dir.resolve("store.key"));
      System.out.printf(
          "renew --all --force over %d accounts, %d rounds, 1 and %d hosts, endpoint %s, store %s%n",
          accounts, rounds, hosts, endpoint, redis.url());
      for (int round = 1; round <= rounds; round++) {
        // Fresh accounts each round: --force through a store skips an account renewed by the
        // fleet in the last five minutes.
        Path fileHome = dir.resolve("file-" + round);
        RenewAllBenchmark.seed(fileHome, accounts, created);
        fake.reset();
        double file =
            timeHosts(
                List.of(List.of("renew", "--all", "--force", "--home", fileHome.toString())),
                endpoint,
                dir,
                "file-" + round);
        failed |= !fake.report("file vault", accounts);

        double pushed = fleet.refill(seed);
        fake.reset();
        double one =
            timeHosts(fleet.renewAll(dir, "one-" + round, 1), endpoint, dir, "one-" + round);
        failed |= !fake.report("store, 1 host", accounts);

        fleet.refill(seed);
        fake.reset();
        double many =
            timeHosts(fleet.renewAll(dir, "many-" + round, hosts), endpoint, dir, "many-" + round);
        failed |= !fake.report("store, " + hosts + " hosts", accounts);

        System.out.printf(
            "round %d: file vault %.2f s; store, 1 host %.2f s (%.2fx); store, %d hosts at once"
                + " %.2f s (%.2fx); store push of the seed %.2f s%n",
            round, file, one, one / file, hosts, many, many / file, pushed);
      }
    }
    System.out.println("hosts' output: " + dir);
    if (failed) {
      System.out.println("FAILED: an account was renewed twice or not at all (see above)");
      System.exit(1);
    }
  }

  /** The idle daemon with the file vault, then with the same accounts in a store. */
  static void idle(int accounts, int seconds, List<String> flags) throws Exception {
    Path dir = Files.createTempDirectory("qmcookie-idle-store-");
    Path seed = dir.resolve("seed");
    RenewAllBenchmark.seed(seed, accounts, Instant.now().minus(Duration.ofHours(1)));
    ProcessBenchmarks.idleDaemon(seed, List.of(), ", file vault", accounts, seconds, flags);
    try (RedisServer redis = RedisServer.started()) {
      Fleet fleet = new Fleet(redis, dir.resolve("store.key"));
      fleet.refill(seed);
      Path host = Files.createDirectory(dir.resolve("host"));
      ProcessBenchmarks.idleDaemon(
          host, fleet.options(), ", shared store (sealed)", accounts, seconds, flags);
    }
  }

  /**
   * The time from a renewal on host A (a {@code renew --force --account} process) to the export
   * file of host B's daemon holding the new key: from the moment the fake answers A to the moment
   * B's file shows the key, polled every 5 ms. One account per round, so that no round meets the
   * five-minute --force gap of the one before.
   */
  static void follow(int rounds) throws Exception {
    Path dir = Files.createTempDirectory("qmcookie-follow-");
    Path seed = dir.resolve("seed");
    RenewAllBenchmark.seed(seed, rounds, Instant.now().minus(Duration.ofHours(1)));
    CountingRenewal fake = new CountingRenewal();
    try (MockWebServer server = new MockWebServer();
        RedisServer redis = RedisServer.started()) {
      server.setDispatcher(fake);
      server.start(InetAddress.getLoopbackAddress(), 0);
      String endpoint = server.url("/cgi-bin/musicu.fcg").toString();
      Fleet fleet = new Fleet(redis, dir.resolve("store.key"));
      fleet.refill(seed);
      ChangeWatch changes = ChangeWatch.start(redis);
      Path hostA = Files.createDirectory(dir.resolve("host-a"));
      Path hostB = Files.createDirectory(dir.resolve("host-b"));
      Path exports = Files.createDirectory(dir.resolve("exports"));
      List<String> daemon =
          new ArrayList<>(
              List.of(
                  "daemon",
                  "--home",
                  hostB.toString(),
                  "--endpoint",
                  "http://127.0.0.1:9/",
                  "--no-check"));
      daemon.addAll(fleet.options());
      for (int i = 0; i < rounds; i++) {
        daemon.addAll(List.of("--export", "a" + i + "=header:" + exports.resolve("a" + i)));
      }
      Process b =
          new ProcessBuilder(
                  ProcessBenchmarks.java(
                      List.of(), "dev.qmcookie.cli.Main", daemon.toArray(String[]::new)))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("host-b.log").toFile())
              .start();
      try {
        for (int i = 0; i < rounds; i++) {
          awaitContent(exports.resolve("a" + i), "benchKEY" + i, b, Duration.ofSeconds(60));
        }
        System.out.printf(
            "follow: renew --force on host A, export on host B's daemon, %d rounds, store %s%n",
            rounds, redis.url());
        long[] micros = new long[rounds];
        long[] published = new long[rounds];
        for (int i = 0; i < rounds; i++) {
          Path file = exports.resolve("a" + i);
          String uin = Long.toString(100_000_000L + i);
          List<String> renew =
              new ArrayList<>(
                  List.of(
                      "renew",
                      "--force",
                      "--account",
                      "a" + i,
                      "--home",
                      hostA.toString(),
                      "--endpoint",
                      endpoint));
          renew.addAll(fleet.options());
          Process a =
              new ProcessBuilder(
                      ProcessBenchmarks.java(
                          List.of(), "dev.qmcookie.cli.Main", renew.toArray(String[]::new)))
                  .redirectErrorStream(true)
                  .redirectOutput(
                      ProcessBuilder.Redirect.appendTo(dir.resolve("host-a.log").toFile()))
                  .start();
          long seen = awaitContent(file, "Q_H_L_renewed", b, Duration.ofSeconds(60));
          if (!a.waitFor(60, TimeUnit.SECONDS) || a.exitValue() != 0) {
            throw new IllegalStateException(
                "host A's renewal failed: see " + dir.resolve("host-a.log"));
          }
          Long answered = fake.answeredAt(uin);
          if (answered == null) {
            throw new IllegalStateException("the fake saw no renewal of a" + i);
          }
          Long written = changes.seenAt("a" + i);
          if (written == null) {
            throw new IllegalStateException("no change message for a" + i);
          }
          micros[i] = (seen - answered) / 1000;
          published[i] = (written - answered) / 1000;
          System.out.printf(
              "  round %d: %.1f ms (A's answer to its change message %.1f ms, then B %.1f ms)%n",
              i + 1,
              micros[i] / 1000.0,
              published[i] / 1000.0,
              (micros[i] - published[i]) / 1000.0);
        }
        long[] following = new long[rounds];
        for (int i = 0; i < rounds; i++) {
          following[i] = micros[i] - published[i];
        }
        Arrays.sort(following);
        Arrays.sort(published);
        Arrays.sort(micros);
        double median = median(micros);
        System.out.printf(
            "renewal on A to export on B: median %.1f ms, maximum %.1f ms, minimum %.1f ms (%d rounds)%n",
            median / 1000, micros[rounds - 1] / 1000.0, micros[0] / 1000.0, rounds);
        System.out.printf(
            "  of which A (answer to change message): median %.1f ms, maximum %.1f ms;"
                + " B (message to export): median %.1f ms, maximum %.1f ms%n",
            median(published) / 1000,
            published[rounds - 1] / 1000.0,
            median(following) / 1000,
            following[rounds - 1] / 1000.0);
      } finally {
        changes.close();
        b.destroy();
        b.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static double median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  /** Notes when the store's change message for each account arrives, as a host's feed sees it. */
  private static final class ChangeWatch extends JedisPubSub implements AutoCloseable {
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
    private final Jedis jedis;

    private ChangeWatch(Jedis jedis) {
      this.jedis = jedis;
    }

    static ChangeWatch start(RedisServer redis) throws InterruptedException {
      ChangeWatch watch = new ChangeWatch(new Jedis("127.0.0.1", redis.port()));
      Thread thread = new Thread(() -> watch.jedis.subscribe(watch, CHANGES), "change-watch");
      thread.setDaemon(true);
      thread.start();
      for (int i = 0; i < 500 && !watch.isSubscribed(); i++) {
        Thread.sleep(10);
      }
      return watch;
    }

    @Override
    public void onMessage(String channel, String message) {
      seenAt.put(message.split(" ", 2)[0], System.nanoTime());
    }

    Long seenAt(String account) {
      return seenAt.get(account);
    }

    @Override
    public void close() {
      if (isSubscribed()) {
        unsubscribe();
      }
    }
  }

  // Polls every 5 ms; returns System.nanoTime() of the first read that holds the text.
  private static long awaitContent(Path file, String text, Process daemon, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(text)) {
          return System.nanoTime();
        }
      } catch (NoSuchFileException notYet) {
        // the daemon writes it
      }
      if (!daemon.isAlive()) {
        throw new IllegalStateException("host B's daemon exited " + daemon.exitValue());
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException(file + " never held " + text);
  }

  /**
   * Starts every host's command at once, waits for all, and returns the wall time in seconds from
   * the first start to the last exit. Prints what each host did, from its log in DIR.
   */
  private static double timeHosts(List<List<String>> hosts, String endpoint, Path dir, String name)
      throws Exception {
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    long cpuBefore = childrenCpuTicks();
    long start = System.nanoTime();
    for (List<String> args : hosts) {
      List<String> cmd = new ArrayList<>(args);
      cmd.addAll(List.of("--endpoint", endpoint));
      Path log = dir.resolve(name + "-" + (logs.size() + 1) + ".log");
      logs.add(log);
      processes.add(
          new ProcessBuilder(
                  ProcessBenchmarks.java(
                      List.of(), "dev.qmcookie.cli.Main", cmd.toArray(String[]::new)))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start());
    }
    List<Integer> codes = new ArrayList<>();
    for (Process p : processes) {
      if (!p.waitFor(HOST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("a host took longer than " + HOST_TIMEOUT + ": " + dir);
      }
      codes.add(p.exitValue());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = (childrenCpuTicks() - cpuBefore) / 100.0;
    List<Long> renewed = new ArrayList<>();
    List<Long> skipped = new ArrayList<>();
    for (Path log : logs) {
      List<String> lines = Files.readAllLines(log);
      renewed.add(lines.stream().filter(l -> l.contains(": renewed via ")).count());
      skipped.add(lines.stream().filter(l -> l.contains(": skipped, ")).count());
    }
    System.out.printf(
        "  %s: %.2f s, CPU of the hosts %.2f s; renewed per host %s, skipped per host %s,"
            + " exit codes %s%n",
        name, seconds, cpu, renewed, skipped, codes);
    return seconds;
  }

  // The CPU time (utime + stime, in clock ticks) of the child processes this JVM has waited for,
  // from /proc/self/stat (fields 16 and 17): the hosts', as the JDK reaps every child it starts.
  private static long childrenCpuTicks() throws Exception {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }

  /** One store, one key file, and the command lines of its hosts. */
  private record Fleet(RedisServer redis, Path keyFile) {
    List<String> options() {
      return List.of("--store", redis.url(), "--store-key-file", keyFile.toString());
    }

    // An empty store, then the seed's accounts pushed into it (not timed by the caller's figure).
    double refill(Path seed) {
      redis.flushAll();
      StringWriter out = new StringWriter();
      List<String> args = new ArrayList<>(List.of("store", "push", "--home", seed.toString()));
      args.addAll(options());
      long start = System.nanoTime();
      int code = Main.run(RenewAllBenchmark.context(seed, out), args.toArray(String[]::new));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (code != 0) {
        throw new IllegalStateException("store push exited " + code + ":\n" + out);
      }
      return seconds;
    }

    // Each host its own empty home, as on separate machines: the accounts come from the store.
    List<List<String>> renewAll(Path dir, String name, int hosts) throws Exception {
      List<List<String>> commands = new ArrayList<>();
      for (int h = 1; h <= hosts; h++) {
        Path home = Files.createDirectory(dir.resolve(name + "-host-" + h));
        List<String> cmd =
            new ArrayList<>(List.of("renew", "--all", "--force", "--home", home.toString()));
        cmd.addAll(options());
        commands.add(cmd);
      }
      return commands;
    }
  }

  /**
   * The renewal fake of {@link RenewAllBenchmark}, counting requests per uin and noting when each
   * uin was last answered.
   */
  static final class CountingRenewal extends Dispatcher {
    private final Dispatcher answers = new RenewAllBenchmark.EchoRenewal();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      String uin = count(String.valueOf(request.getHeaders().get("Cookie")));
      MockResponse response = answers.dispatch(request);
      answeredAt.put(uin, System.nanoTime());
      return response;
    }

    /** Counts one renewal request with this Cookie header; returns its uin. */
    String count(String cookieHeader) {
      Matcher m = UIN.matcher(cookieHeader);
      String uin = m.find() ? m.group(1) : "0";
      requests.computeIfAbsent(uin, u -> new AtomicInteger()).incrementAndGet();
      return uin;
    }

    void reset() {
      requests.clear();
      answeredAt.clear();
    }

    Long answeredAt(String uin) {
      return answeredAt.get(uin);
    }

    /** Prints the counts; false when an account was renewed twice or not at all. */
    boolean report(String what, int accounts) {
      long twice = requests.values().stream().filter(n -> n.get() > 1).count();
      long never =
          java.util.stream.IntStream.range(0, accounts)
              .filter(i -> !requests.containsKey(Long.toString(100_000_000L + i)))
              .count();
      int total = requests.values().stream().mapToInt(AtomicInteger::get).sum();
      System.out.printf(
          "  %s: %d requests; accounts renewed twice: %d; accounts not renewed: %d%n",
          what, total, twice, never);
      return twice == 0 && never == 0;
    }
  }
}
