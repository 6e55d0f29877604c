package dev.qmcookie.schedule;

import java.time.Duration;

/**
 * Limits of the JDK HTTP server that no handler can set: how many connections, how long one may
 * stay silent before (or between) requests, and how large a request's head may be. {@link
 * ApiServer}'s per-exchange deadline cannot see a silent connection: the JDK keeps it in its
 * selector, not on a worker.
 *
 * <p>Only JVM-wide system properties reach these, read once when the first server is made. The
 * daemon is the only server in its process, so it sets them just before that, and keeps any value
 * the user gave (with {@code -D} in {@code QMCOOKIE_JAVA_OPTS}).
 */
public final class HttpServerLimits {
  /** A connection silent this long is closed (the JDK's default is 30 s). */
  public static final Duration IDLE_LIMIT = Duration.ofSeconds(10);

  // How often the JDK looks for silent connections; its default, 10 s, would double the limit.
  static final Duration CHECK_EVERY = Duration.ofMillis(500);

  /**
   * The most connections at once. Each costs a file descriptor, and a daemon out of descriptors
   * could no longer write the cookie; 256 is far more than local readers need.
   */
  public static final int MAX_CONNECTIONS = 256;

  /**
   * The largest request line and headers together, in bytes (the JDK's default is 380 KiB). A
   * request here is a path and a bearer token; with 64 workers the default would let clients hold
   * 24 MiB.
   */
  public static final int MAX_REQUEST_HEAD_BYTES = 16 * 1024;

  private HttpServerLimits() {}

  public static void applyUnlessSet() {
    setUnlessSet("sun.net.httpserver.idleInterval", Long.toString(IDLE_LIMIT.toSeconds()));
    setUnlessSet("sun.net.httpserver.clockTick", Long.toString(CHECK_EVERY.toMillis()));
    setUnlessSet("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
    setUnlessSet("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_REQUEST_HEAD_BYTES));
  }

  private static void setUnlessSet(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
