package dev.qmcookie.cli;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;

/** The one OkHttpClient a command uses: bounded timeouts and the environment's proxy. */
final class HttpClients {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(8);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

  private HttpClients() {}

  static OkHttpClient create(Map<String, String> env) {
    EnvironmentProxy proxy = new EnvironmentProxy(env, ProxySelector.getDefault());
    return new OkHttpClient.Builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(READ_TIMEOUT)
        .writeTimeout(READ_TIMEOUT)
        .callTimeout(CALL_TIMEOUT)
        .proxySelector(proxy)
        .proxyAuthenticator(proxy.authenticator())
        // Cookies are managed by the vault, never by a jar that could send stale ones.
        .cookieJar(okhttp3.CookieJar.NO_COOKIES)
        .followRedirects(false)
        .build();
  }
}
