package dev.qmcookie.checkup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qmcookie.browser.InstalledProgram;
import dev.qmcookie.checkup.Check.Level;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MachineChecksTest {
  static final InstalledProgram CHROMIUM =
      new InstalledProgram(Path.of("/usr/bin/chromium"), "Chromium 156.0.8078.79", "PATH");

  @Test
  void withoutABrowserNoDriverIsLookedFor() {
    MachineChecks.Programs programs =
        MachineChecks.browserAndDriver(
            () -> {
              throw new IllegalStateException("no Chrome or Chromium found");
            },
            b -> {
              throw new AssertionError("the driver was looked for without a browser");
            });

    assertThat(programs.browserFound()).isFalse();
    assertThat(programs.checks())
        .containsExactly(
            new Check(
                Level.FAIL,
                "browser",
                "no Chrome or Chromium found",
                "apt-get install chromium chromium-driver"));
  }

  @Test
  void aMissingDriverFailsButTheBrowserCountsAsFound() {
    MachineChecks.Programs programs =
        MachineChecks.browserAndDriver(
            () -> CHROMIUM,
            b -> {
              throw new IllegalStateException("ChromeDriver 150 does not match Chromium 156");
            });

    assertThat(programs.browserFound()).isTrue();
    assertThat(programs.checks())
        .extracting(Check::level, Check::name)
        .containsExactly(tuple(Level.OK, "browser"), tuple(Level.FAIL, "driver"));
    assertThat(programs.checks().get(1).detail())
        .isEqualTo("ChromeDriver 150 does not match Chromium 156");
  }

  @Test
  void noDisplayIsOnlyAWarningThatNamesTheHeadlessLogin() {
    Check none = MachineChecks.display(false);

    assertThat(none.level()).isEqualTo(Level.WARN);
    assertThat(none.fix()).contains("login --headless");
    assertThat(MachineChecks.display(true).level()).isEqualTo(Level.OK);
  }
}
