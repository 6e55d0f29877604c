package dev.qmcookie.testkit;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends every request of a test's client to a fake on 127.0.0.1, keeping its path, query and
 * original {@code Host}, so the code under test keeps its real https URLs and the fake tells the
 * sites apart by name.
 */
public final class ToLocalFake implements Interceptor {
  private final int port;

  public ToLocalFake(int port) {
    this.port = port;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl real = request.url();
    HttpUrl local = real.newBuilder().scheme("http").host("127.0.0.1").port(port).build();
    return chain.proceed(request.newBuilder().url(local).header("Host", real.host()).build());
  }
}
