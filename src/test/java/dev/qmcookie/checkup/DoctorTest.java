package dev.qmcookie.checkup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.browser.LaunchSettings;
import dev.qmcookie.checkup.Check.Level;
import dev.qmcookie.vault.HomeChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's choice of checks, without a browser: the path searched for one is empty. */
class DoctorTest {
  static final HttpUrl LOCAL = HttpUrl.get("http://127.0.0.1:9/cgi-bin/musicu.fcg");

  @TempDir Path dir;

  @Test
  void aMetingCheckWithoutTheSelftestLooksForNoBrowser() throws Exception {
    Files.createDirectories(dir.resolve("meting/cookie"));

    Doctor.Report report = Doctor.run(settings(dir.resolve("meting"), false));

    assertThat(report.checks())
        .extracting(Check::name)
        .startsWith("java")
        .doesNotContain("browser", "driver", "display")
        .contains("endpoint");
    assertThat(report.browserFound()).isFalse();
  }

  @Test
  void withoutABrowserTheMachineFailsAndOnlyMachineChecksConcernTheMachine() throws Exception {
    Doctor.Report report = Doctor.run(settings(null, false));

    List<Check> failed = report.checks().stream().filter(c -> c.level() == Level.FAIL).toList();
    assertThat(failed).extracting(Check::name).contains("browser");
    assertThat(report.browserFound()).isFalse();
    assertThat(failed)
        .filteredOn(c -> c.name().equals("browser"))
        .allMatch(Doctor::concernsMachine);
    assertThat(Doctor.concernsMachine(new Check(Level.FAIL, "home", "x", null))).isFalse();
  }

  @Test
  void aSelftestWithoutABrowserWarnsThatItSkipsTheBrowserStepsAfterEveryOtherCheck()
      throws Exception {
    Doctor.Report report = Doctor.run(settings(null, true));

    Check last = report.checks().get(report.checks().size() - 1);
    assertThat(last.name()).isEqualTo("selftest");
    assertThat(last.level()).isEqualTo(Level.WARN);
    assertThat(last.detail())
        .isEqualTo("no browser: its browser steps are skipped, its QR login steps run");
    assertThat(report.checks())
        .filteredOn(c -> c.name().equals("browser"))
        .extracting(Check::level)
        .containsExactly(Level.WARN);
    assertThat(report.exitStatus()).isZero();
    assertThat(Doctor.run(settings(null, false)).checks())
        .extracting(Check::name)
        .doesNotContain("selftest");
  }

  private Doctor.Settings settings(Path meting, boolean selftest) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    return new Doctor.Settings(
        new LaunchSettings(
            null,
            "$QMCOOKIE_BROWSER",
            null,
            "$QMCOOKIE_DRIVER",
            dir.resolve("drivers"),
            false,
            List.of(),
            false,
            false,
            List.of(),
            false),
        new HomeChoice(home, false),
        Duration.ofSeconds(1),
        "default",
        meting,
        null,
        selftest,
        () -> LOCAL,
        "the default",
        "fix it");
  }
}
