package dev.qmcookie.browser;

import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.MusicLogin;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A login in the account's own browser: opens the page, waits until the person has logged in, and
 * reads the cookies and the User-Agent to store. Drawing the wait is the caller's.
 */
public final class BrowserLogin {
  static final Duration TICK = Duration.ofSeconds(1);
  // After uin and the key appear, the token cookies follow within moments.
  static final Duration COMPLETE_WITHIN = Duration.ofSeconds(10);

  /** What the person logging in is shown while the browser waits. */
  public interface Progress {
    /** The page is open: a headless login shows its QR code from here on. */
    void opened(BrowserSession session);

    /** Once a tick while waiting, with the time waited so far. */
    void waited(Duration waited);

    /** The wait is over, logged in or not. */
    void ended();
  }

  /** The login read from the browser, to be stored by the caller. */
  public record Login(CookieSet cookies, String userAgent) {}

  private final UnaryOperator<CookieSet> loginCookies;

  /**
   * @param loginCookies picks the cookies a stored login is made of (the qq.com ones)
   */
  public BrowserLogin(UnaryOperator<CookieSet> loginCookies) {
    this.loginCookies = loginCookies;
  }

  /**
   * Starts the browser, opens {@code url} and waits for a complete login.
   *
   * @return empty when {@code timeout} passed first
   * @throws BrowserGoneException when the browser closed (most often by the user) or crashed
   */
  public Optional<Login> run(LaunchSpec spec, String url, Duration timeout, Progress progress)
      throws Exception {
    try (BrowserSession session = BrowserSession.launch(spec)) {
      session.open(url);
      progress.opened(session);
      Optional<CookieSet> loggedIn;
      try {
        loggedIn = new LoginWatcher(TICK).await(session::cookies, timeout, progress::waited);
      } finally {
        progress.ended();
      }
      if (loggedIn.isEmpty()) {
        return Optional.empty();
      }
      CookieSet cookies = completeLogin(session, loggedIn.get());
      String userAgent =
          spec.headless() ? UserAgents.desktopChrome(spec.browser()) : session.userAgent();
      return Optional.of(new Login(cookies, userAgent));
    }
  }

  /**
   * Opens an existing profile headless, lets the site's scripts run for {@code settle}, and reads
   * the login cookies, logged in or not.
   */
  public Login read(LaunchSpec spec, String url, Duration settle) throws Exception {
    CookieSet cookies;
    try (BrowserSession session = BrowserSession.launch(spec)) {
      session.open(url);
      Thread.sleep(settle.toMillis());
      cookies = loginCookies.apply(session.cookies());
    }
    return new Login(cookies, UserAgents.desktopChrome(spec.browser()));
  }

  // The key may arrive a moment before the tokens renewal needs; wait briefly for all of them.
  private CookieSet completeLogin(BrowserSession session, CookieSet first)
      throws InterruptedException {
    CookieSet cookies = first;
    long deadline = System.nanoTime() + COMPLETE_WITHIN.toNanos();
    while (!MusicLogin.of(loginCookies.apply(cookies)).problems().isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(TICK.toMillis() / 2);
      cookies = session.cookies();
    }
    return cookies;
  }
}
