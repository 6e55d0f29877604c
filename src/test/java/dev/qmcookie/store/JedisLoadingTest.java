package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Jedis loads only when a store is opened: the CLI names the store's types in every command that
 * takes --store, and a command without one must not pay for Jedis.
 */
class JedisLoadingTest {
  /** Loads the application's classes itself and notes every class it is asked for. */
  static final class NotingLoader extends URLClassLoader {
    final Set<String> asked = ConcurrentHashMap.newKeySet();

    NotingLoader() {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      asked.add(name);
      return super.loadClass(name, resolve);
    }

    boolean loadedJedis() {
      return asked.stream().anyMatch(n -> n.startsWith("redis.clients."));
    }

    private static URL[] classPath() {
      return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .map(
              entry -> {
                try {
                  return Path.of(entry).toUri().toURL();
                } catch (MalformedURLException e) {
                  throw new IllegalStateException(e);
                }
              })
          .toArray(URL[]::new);
    }
  }

  private static Object settings(ClassLoader loader, String url) throws Exception {
    Class<?> type = Class.forName(StoreSettings.class.getName(), true, loader);
    return type.getConstructors()[0].newInstance(
        url, null, true, Duration.ofSeconds(1), Duration.ofMinutes(5), "host-a:1");
  }

  private static Throwable open(ClassLoader loader, Object settings) throws Exception {
    Class<?> store = Class.forName(RedisStore.class.getName(), true, loader);
    try {
      store
          .getMethod("open", settings.getClass(), Clock.class)
          .invoke(null, settings, Clock.systemUTC());
      return null;
    } catch (java.lang.reflect.InvocationTargetException e) {
      return e.getCause();
    }
  }

  @Test
  void theStoreTypesAndASettingRefusedBeforeConnectingLoadNoJedis() throws Exception {
    try (NotingLoader loader = new NotingLoader()) {
      Object settings = settings(loader, "http://not-a-store");
      assertThat(settings.toString()).contains("http://not-a-store");

      Throwable refused = open(loader, settings);

      assertThat(refused.getClass().getSimpleName()).isEqualTo("InvalidInputException");
      assertThat(loader.asked).contains(RedisStore.class.getName());
      assertThat(loader.loadedJedis()).isFalse();
    }
  }

  @Test
  void openingAStoreLoadsJedis() throws Exception {
    try (NotingLoader loader = new NotingLoader()) {
      // A closed port: the connection is tried, and fails.
      Throwable failed = open(loader, settings(loader, "redis://127.0.0.1:9/0"));

      assertThat(failed.getClass().getSimpleName()).isEqualTo("TransientFailureException");
      assertThat(loader.loadedJedis()).isTrue();
    }
  }
}
