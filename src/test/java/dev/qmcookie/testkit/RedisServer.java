package dev.qmcookie.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real {@code redis-server} (Debian's package) on a free 127.0.0.1 port, in a temporary folder of
 * its own, for the store's tests. Close it (JUnit's {@code @AutoClose}, or try-with-resources) and
 * the process is killed and its folder removed.
 *
 * <pre>
 *   try (RedisServer redis = RedisServer.started()) {
 *     RedisStore.open(new StoreSettings(redis.url(), ...), clock);
 *     redis.raw().hgetAll("qmcookie:store");
 *     redis.stop();  // Redis goes away: a store command fails as a passing fault
 *     redis.start(); // back on the same port, empty unless started persistent()
 *   }
 * </pre>
 */
public final class RedisServer implements AutoCloseable {
  public static final Path EXECUTABLE = Path.of("/usr/bin/redis-server");
  private static final Duration STARTUP = Duration.ofSeconds(10);

  private final Path dir;
  private final int port;
  private final boolean persistent;
  private Process process;
  private Jedis raw;

  private RedisServer(Path dir, int port, boolean persistent) {
    this.dir = dir;
    this.port = port;
    this.persistent = persistent;
  }

  /** A server without persistence: a restart empties it, like a Redis without AOF or RDB. */
  public static RedisServer started() {
    return launch(false);
  }

  /** A server with an append-only file in its folder: a restart keeps what it held. */
  public static RedisServer persistent() {
    return launch(true);
  }

  private static RedisServer launch(boolean persistent) {
    if (!Files.isExecutable(EXECUTABLE)) {
      throw new IllegalStateException(
          EXECUTABLE
              + " is missing, and the store's tests run a real Redis: apt-get install"
              + " redis-server");
    }
    try {
      RedisServer server =
          new RedisServer(Files.createTempDirectory("qmcookie-redis"), freePort(), persistent);
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Starts the server (again) on its port, and waits until it answers PING.
   *
   * @throws IllegalStateException naming the server's log when it does not answer in time
   */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> command = new ArrayList<>();
    command.add(EXECUTABLE.toString());
    command.addAll(List.of("--port", String.valueOf(port), "--bind", "127.0.0.1"));
    command.addAll(List.of("--daemonize", "no", "--dir", dir.toString(), "--save", ""));
    command.addAll(List.of("--appendonly", persistent ? "yes" : "no"));
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      try (Jedis probe = client(500)) {
        if ("PONG".equals(probe.ping())) {
          return;
        }
      } catch (JedisException notYet) {
        if (!process.isAlive()) {
          break;
        }
      }
      pause(Duration.ofMillis(20));
    }
    String log = log();
    close();
    throw new IllegalStateException(
        "redis-server did not answer PING on port " + port + ":\n" + log);
  }

  /** Stops the server as its init system would (SIGTERM); {@link #start} brings it back. */
  public synchronized void stop() {
    closeRaw();
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** {@code redis://127.0.0.1:PORT/0}. */
  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  public int port() {
    return port;
  }

  /** A connection for reading and planting raw values; reconnected after a restart. */
  public synchronized Jedis raw() {
    if (raw == null || !raw.isConnected() || raw.isBroken()) {
      closeRaw();
      raw = client(2000);
    }
    return raw;
  }

  private Jedis client(int timeoutMillis) {
    return new Jedis(
        new HostAndPort("127.0.0.1", port),
        DefaultJedisClientConfig.builder()
            .timeoutMillis(timeoutMillis)
            .autoNegotiateProtocol(false)
            .build());
  }

  public void flushAll() {
    raw().flushAll();
  }

  /** What the server printed, for a failure's message. */
  public String log() {
    try {
      return Files.readString(dir.resolve("redis.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public synchronized void close() {
    closeRaw();
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind harms no test
    }
  }

  private void closeRaw() {
    if (raw != null) {
      try {
        raw.close();
      } catch (RuntimeException ignored) {
        // a dead server's connection has nothing to close
      }
      raw = null;
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for redis-server", e);
    }
  }
}
