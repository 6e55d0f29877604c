package dev.qmcookie.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The wait for a login, with the browser's cookies handed in: it ends at the login or the time
 * limit.
 */
class LoginWatcherTest {
  static final CookieSet NOT_YET =
      CookieFormats.read("pgv_pvid=8403187130; ts_last=y.qq.com/").record().cookies();
  static final CookieSet LOGGED_IN =
      CookieFormats.read("pgv_pvid=8403187130; uin=123456789; qqmusic_key=Q_H_L_63k3NFAKEkey000001")
          .record()
          .cookies();

  @Test
  void aLoginThatNeverCompletesEndsEmptyAtTheTimeLimit() throws Exception {
    List<Duration> ticks = new ArrayList<>();

    var result =
        new LoginWatcher(Duration.ofMillis(10))
            .await(() -> NOT_YET, Duration.ofMillis(80), ticks::add);

    assertThat(result).isEmpty();
    assertThat(ticks)
        .isNotEmpty()
        .allSatisfy(waited -> assertThat(waited).isLessThan(Duration.ofMillis(80)));
  }

  @Test
  void theWaitEndsWithTheCookiesOnceTheLoginIsComplete() throws Exception {
    AtomicInteger reads = new AtomicInteger();

    var result =
        new LoginWatcher(Duration.ofMillis(5))
            .await(
                () -> reads.incrementAndGet() < 3 ? NOT_YET : LOGGED_IN,
                Duration.ofSeconds(30),
                waited -> {});

    assertThat(result).hasValue(LOGGED_IN);
    assertThat(reads).hasValue(3);
  }
}
