package dev.qmcookie.http;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** The one OkHttpClient a command uses: bounded timeouts and the environment's proxy. */
public final class HttpClients {
  /** How long one try may take, end to end; three tries and their pauses stay near 30s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(8);

  private HttpClients() {}

  /**
   * @param env the environment the command was started with, for its proxy variables; passed in, so
   *     that only the command line reads the real one
   * @param parallel how many calls may run at once; that many idle connections are kept, so a run
   *     over many accounts reuses them instead of opening one each
   */
  public static OkHttpClient create(Map<String, String> env, Duration timeout, int parallel) {
    EnvironmentProxy proxy = new EnvironmentProxy(env, ProxySelector.getDefault());
    return new OkHttpClient.Builder()
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .callTimeout(timeout)
        .proxySelector(proxy)
        .proxyAuthenticator(proxy.authenticator())
        // Cookies are managed by the vault, never by a jar that could send stale ones.
        .cookieJar(okhttp3.CookieJar.NO_COOKIES)
        .followRedirects(false)
        .connectionPool(new ConnectionPool(parallel, 5, TimeUnit.MINUTES))
        .build();
  }
}
