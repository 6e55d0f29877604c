package dev.qmcookie.store;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.failure.SetupException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.failure.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLParameters;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The pooled connections to one store, and the one place a Redis failure becomes a qmcookie
 * failure: unreachable is a passing fault (exit 4), refused credentials are bad input (exit 5).
 */
final class StoreConnection implements AutoCloseable {
  // A dead Redis must fail a command fast, not hang it.
  static final int TIMEOUT_MILLIS = 2000;
  // renew --all renews 16 accounts at once; more connections would only wait on Redis.
  private static final int MAX_CONNECTIONS = 16;

  private final StoreUrl url;
  private final JedisClientConfig config;
  private final JedisPool pool;

  StoreConnection(StoreUrl url) {
    this.url = url;
    this.config = clientConfig(url);
    GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
    poolConfig.setMaxTotal(MAX_CONNECTIONS);
    poolConfig.setMaxIdle(MAX_CONNECTIONS);
    poolConfig.setMinIdle(0);
    poolConfig.setMaxWait(Duration.ofSeconds(10));
    // JMX would load the management classes into every command for nothing.
    poolConfig.setJmxEnabled(false);
    this.pool = new JedisPool(poolConfig, new HostAndPort(url.host(), url.port()), config);
  }

  private static JedisClientConfig clientConfig(StoreUrl url) {
    DefaultJedisClientConfig.Builder builder =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(TIMEOUT_MILLIS)
            .socketTimeoutMillis(TIMEOUT_MILLIS)
            .database(url.db())
            .clientName("qmcookie")
            .autoNegotiateProtocol(false); // RESP2 is all that Jedis (not RedisClient) speaks
    if (url.user() != null) {
      builder.user(url.user());
    }
    if (url.password() != null) {
      builder.password(url.password());
    }
    if (url.tls()) {
      // The JVM's own trust store, and the host name checked against the certificate: a store
      // that holds every host's cookie is not reached through an unverified connection.
      SSLParameters parameters = new SSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      builder.ssl(true).sslParameters(parameters);
    }
    return builder.build();
  }

  StoreUrl url() {
    return url;
  }

  /** Whether {@link #close} was called: a lease's heartbeat stops then. */
  boolean closed() {
    return pool.isClosed();
  }

  /** A connection of its own, outside the pool, for a subscription that blocks. */
  Jedis dedicated() {
    return new Jedis(new HostAndPort(url.host(), url.port()), config);
  }

  /**
   * Runs {@code work} on a pooled connection.
   *
   * @throws TransientFailureException when the store cannot be reached
   * @throws InvalidInputException when it refuses the URL's user or password
   */
  <T> T call(Function<Jedis, T> work) {
    try (Jedis jedis = pool.getResource()) {
      return work.apply(jedis);
    } catch (JedisException e) {
      throw failure(e);
    }
  }

  /** Runs a script by its digest, sending it whole only when Redis does not have it yet. */
  Object script(Script script, List<String> keys, List<String> args) {
    return call(
        jedis -> {
          try {
            return jedis.evalsha(script.sha(), keys, args);
          } catch (JedisNoScriptException notLoaded) {
            return jedis.eval(script.text(), keys, args);
          }
        });
  }

  RuntimeException failure(JedisException e) {
    if (e instanceof JedisAccessControlException
        || (e.getMessage() != null
            && (e.getMessage().startsWith("NOAUTH") || e.getMessage().startsWith("WRONGPASS")))) {
      return new InvalidInputException(
          "the store "
              + url
              + " refused the user or password of its URL ("
              + MessageText.quote(e.getMessage())
              + "): check them in --store or QMCOOKIE_STORE");
    }
    if (untrusted(e)) {
      return new SetupException(
          "the store "
              + url
              + " is not who its certificate says, or its certificate is not trusted here ("
              + MessageText.quote(String.valueOf(e.getMessage()))
              + "): put its certificate authority in the JVM's trust store"
              + " (-Djavax.net.ssl.trustStore), and name the host as the certificate does",
          e);
    }
    if (e instanceof JedisConnectionException) {
      return new TransientFailureException(unreachable(url, e), 0, Verdict.STORE_UNREACHABLE, e);
    }
    // A store that answers with an error (loading, out of memory, read-only) is as unusable to a
    // daemon as one that does not answer: the same verdict, so that it alerts once, not per
    // account.
    return new TransientFailureException(
        "the store " + url + " failed (" + MessageText.quote(e.getMessage()) + ")" + KEPT,
        0,
        Verdict.STORE_UNREACHABLE,
        e);
  }

  // A certificate refused by the JVM: trying again changes nothing.
  private static boolean untrusted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  private static final String KEPT =
      ": the stored cookie and the exports are kept, and it will be tried again";

  static String unreachable(StoreUrl url, Exception e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return unreachable(url, MessageText.quote(String.valueOf(cause.getMessage())));
  }

  static String unreachable(StoreUrl url, String why) {
    return "the store " + url + " cannot be reached (" + why + ")" + KEPT;
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A Lua script and its SHA-1, which EVALSHA names it by. */
  record Script(String text, String sha) {
    static Script of(String text) {
      try {
        byte[] digest =
            MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        return new Script(text, HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is not available in this Java runtime", e);
      }
    }
  }
}
