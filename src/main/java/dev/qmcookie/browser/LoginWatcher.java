package dev.qmcookie.browser;

import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.MusicLogin;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Waits until the browser holds a complete login, reading its cookies once a tick. */
public final class LoginWatcher {
  private final Duration tick;

  public LoginWatcher(Duration tick) {
    this.tick = tick;
  }

  /** A login is complete once the account id and a music key exist (QQ or WeChat). */
  public static boolean isLoggedIn(CookieSet cookies) {
    return MusicLogin.of(cookies).isComplete();
  }

  /**
   * @param cookies reads the browser's cookies
   * @param eachTick runs once a tick with the time waited so far: progress, QR refresh
   * @return the cookies of the complete login, or empty when {@code timeout} passed first
   */
  public Optional<CookieSet> await(
      Supplier<CookieSet> cookies, Duration timeout, Consumer<Duration> eachTick)
      throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      CookieSet now = cookies.get();
      if (isLoggedIn(now)) {
        return Optional.of(now);
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      if (waited.compareTo(timeout) >= 0) {
        return Optional.empty();
      }
      eachTick.accept(waited);
      Thread.sleep(Math.min(tick.toMillis(), Math.max(1, timeout.minus(waited).toMillis())));
    }
  }
}
