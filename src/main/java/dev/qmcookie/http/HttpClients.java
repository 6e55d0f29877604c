package dev.qmcookie.http;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The one OkHttpClient a command uses: bounded timeouts, the environment's proxy and, for tests,
 * the {@link HostRoute}.
 */
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
    return create(env, timeout, parallel, HostRoute.NONE);
  }

  /**
   * A client for QQ's hosts: as {@link #create(Map, Duration, int)}, with the requests that {@code
   * route} matches sent to its targets. Clients for the user's own URLs (notifications, hooks) take
   * no route.
   */
  public static OkHttpClient create(
      Map<String, String> env, Duration timeout, int parallel, HostRoute route) {
    EnvironmentProxy proxy = new EnvironmentProxy(env, ProxySelector.getDefault());
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    if (route.active()) {
      // HTTP/2 sends the URL's host as :authority and drops a Host header: only HTTP/1.1 can tell
      // an https fake which host a request was for.
      builder.addInterceptor(route.interceptor()).protocols(List.of(Protocol.HTTP_1_1));
    }
    return builder
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .callTimeout(timeout)
        .proxySelector(route.active() ? route.bypassing(proxy) : proxy)
        .proxyAuthenticator(proxy.authenticator())
        // Cookies are managed by the vault, never by a jar that could send stale ones.
        .cookieJar(okhttp3.CookieJar.NO_COOKIES)
        .followRedirects(false)
        .connectionPool(new ConnectionPool(parallel, 5, TimeUnit.MINUTES))
        .build();
  }
}
