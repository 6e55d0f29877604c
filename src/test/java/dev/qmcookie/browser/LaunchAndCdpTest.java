package dev.qmcookie.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.SameSite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchAndCdpTest {
  static final InstalledProgram CHROMIUM =
      new InstalledProgram(
          Path.of("/usr/bin/chromium"), "Chromium 156.0.8078.79 built on Debian", "PATH");
  static final InstalledProgram DRIVER =
      new InstalledProgram(Path.of("/usr/bin/chromedriver"), "ChromeDriver 156.0.8078.79", "PATH");

  @Test
  void headlessRootLaunchesGetAnOrdinaryUserAgentAndNoSandbox() {
    LaunchSpec spec =
        new LaunchSpec(
            CHROMIUM,
            DRIVER,
            Path.of("/p/default/chrome"),
            true,
            List.of("--proxy-server=x"),
            true);

    List<String> args = spec.arguments();

    assertThat(args)
        .contains(
            "--user-data-dir=/p/default/chrome",
            "--password-store=basic",
            "--headless=new",
            "--no-sandbox");
    assertThat(args)
        .anySatisfy(
            a ->
                assertThat(a)
                    .startsWith("--user-agent=")
                    .contains("Chrome/156.0.0.0")
                    .doesNotContain("Headless"));
    assertThat(args.get(args.size() - 1))
        .as("user switches come last, so they win")
        .isEqualTo("--proxy-server=x");
  }

  @Test
  void aHeadedUserLaunchKeepsTheSandboxAndItsOwnUserAgent() {
    List<String> args =
        new LaunchSpec(CHROMIUM, DRIVER, Path.of("/p"), false, List.of(), false).arguments();

    assertThat(args).doesNotContain("--no-sandbox", "--headless=new");
    assertThat(args).noneSatisfy(a -> assertThat(a).startsWith("--user-agent="));
    assertThat(UserAgents.withoutHeadless("Mozilla/5.0 HeadlessChrome/156.0.0.0 Safari/537.36"))
        .isEqualTo("Mozilla/5.0 Chrome/156.0.0.0 Safari/537.36");
  }

  @Test
  void cdpCookiesKeepEveryAttribute() {
    Map<String, Object> answer =
        Map.of(
            "cookies",
            List.of(
                Map.of(
                    "name",
                    "qqmusic_key",
                    "value",
                    "Q_H_L_x",
                    "domain",
                    ".qq.com",
                    "path",
                    "/",
                    "expires",
                    1.8e9 + 0.5,
                    "httpOnly",
                    true,
                    "secure",
                    true,
                    "session",
                    false,
                    "sameSite",
                    "None"),
                Map.of(
                    "name",
                    "ts_last",
                    "value",
                    "y.qq.com/",
                    "domain",
                    "y.qq.com",
                    "path",
                    "/",
                    "expires",
                    -1,
                    "httpOnly",
                    false,
                    "secure",
                    false,
                    "session",
                    true)));

    CookieSet cookies = CdpCookies.from(answer);

    assertThat(cookies.asList())
        .containsExactly(
            new Cookie(
                "qqmusic_key",
                "Q_H_L_x",
                ".qq.com",
                "/",
                1_800_000_000L,
                true,
                true,
                SameSite.NONE),
            new Cookie(
                "ts_last",
                "y.qq.com/",
                "y.qq.com",
                "/",
                Cookie.SESSION,
                false,
                false,
                SameSite.UNSPECIFIED));
    assertThat(CdpCookies.from(Map.of()).isEmpty()).isTrue();
  }

  @Test
  void aLoginIsCompleteWithAnAccountAndAKey() {
    CookieSet partial = CookieSet.of(List.of(Cookie.of("uin", "123")));
    CookieSet complete =
        CookieSet.of(List.of(Cookie.of("uin", "123"), Cookie.of("qm_keyst", "Q_H_L_x")));

    assertThat(LoginWatcher.isLoggedIn(partial)).isFalse();
    assertThat(LoginWatcher.isLoggedIn(complete)).isTrue();
  }
}
