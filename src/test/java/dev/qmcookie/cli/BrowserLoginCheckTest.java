package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.selftest.SimulatedQqSite;
import dev.qmcookie.testkit.ProfilePageFake;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code login} and {@code capture} check the login they stored, with a real headless Chromium. */
class BrowserLoginCheckTest {
  @TempDir Path home;
  CliRunner cli;
  MockWebServer checkPage = new MockWebServer();

  @BeforeEach
  void setUp() throws Exception {
    Chromium.require();
    checkPage.setDispatcher(new ProfilePageFake(SimulatedQqSite.KEY));
    checkPage.start(InetAddress.getLoopbackAddress(), 0);
    cli = new CliRunner(home);
    cli.clock.advance(Duration.between(QqLogin.NOW, java.time.Instant.now()));
    cli.env.put("PATH", "/usr/bin:/bin");
    cli.env.put("QMCOOKIE_DRIVERS", home.resolve("no-drivers").toString());
    cli.env.put(CheckEndpointOption.ENV, checkPage.url("/check").toString());
  }

  @AfterEach
  void tearDown() throws Exception {
    checkPage.close();
  }

  CliRunner.Result run(SimulatedQqSite site, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    for (String sw : site.chromeSwitches()) {
      all.add("--browser-arg=" + sw);
    }
    all.addAll(List.of("--url", site.startUrl(), "--no-download"));
    return cli.run(all.toArray(String[]::new));
  }

  @Test
  void loginChecksTheStoredLoginAndCaptureSkipsItWithNoCheck() throws Exception {
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofSeconds(2))) {
      CliRunner.Result login = run(site, "login", "--headless", "--timeout", "60s");

      assertThat(login.code()).as(login.toString()).isZero();
      assertThat(login.out()).contains("server: accepted");
      assertThat(checkPage.getRequestCount()).isEqualTo(1);
    }
    try (SimulatedQqSite site = new SimulatedQqSite(Duration.ofDays(1))) {
      java.nio.file.Files.delete(home.resolve("default/cookie.json"));
      CliRunner.Result capture = run(site, "capture", "--settle", "1s", "--no-check");

      assertThat(capture.code()).as(capture.toString()).isZero();
      assertThat(capture.out()).contains("captured").doesNotContain("server:");
      assertThat(checkPage.getRequestCount()).isEqualTo(1);
    }
  }
}
