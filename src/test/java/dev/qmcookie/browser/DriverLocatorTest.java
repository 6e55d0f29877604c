package dev.qmcookie.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.SetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver-resolution order, with small scripts standing in for chromedriver. */
class DriverLocatorTest {
  @TempDir Path tmp;
  Path drivers;
  Path pathDir;
  InstalledProgram browser;
  AtomicInteger downloads = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    drivers = Files.createDirectories(tmp.resolve("drivers"));
    pathDir = Files.createDirectories(tmp.resolve("bin"));
    browser =
        new InstalledProgram(
            tmp.resolve("chromium"), "Chromium 156.0.8078.79 built on Debian", "PATH");
  }

  static Path fakeDriver(Path dir, String version) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("chromedriver");
    Files.writeString(
        file, "#!/bin/sh\necho 'ChromeDriver " + version + " (abc-refs/branch-heads/1@{#1})'\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  DriverLocator locator(DriverDownloader downloader, Duration limit) {
    return new DriverLocator(drivers, List.of(pathDir), downloader, limit);
  }

  DriverDownloader counting(DriverDownloader inner) {
    return (major, into) -> {
      downloads.incrementAndGet();
      return inner.download(major, into);
    };
  }

  @Test
  void theChosenDriverComesFirst() throws Exception {
    Path chosen = fakeDriver(tmp.resolve("mine"), "156.0.8078.79");
    fakeDriver(drivers, "156.0.1.1");
    fakeDriver(pathDir, "156.0.2.2");

    InstalledProgram found =
        locator(DriverDownloader.NONE, Duration.ofSeconds(5)).locate(chosen, "--driver", browser);

    assertThat(found.path()).isEqualTo(chosen);
    assertThat(found.source()).isEqualTo("--driver");
  }

  @Test
  void aMatchingDriverInDriversComesBeforePath() throws Exception {
    fakeDriver(drivers.resolve("chromedriver/linux64/156.0.1.1"), "156.0.1.1");
    fakeDriver(pathDir, "156.0.2.2");

    InstalledProgram found =
        locator(counting(DriverDownloader.NONE), Duration.ofSeconds(5)).locate(null, "", browser);

    assertThat(found.source()).isEqualTo("drivers/");
    assertThat(found.number()).isEqualTo("156.0.1.1");
    assertThat(downloads).hasValue(0);
  }

  @Test
  void aNonMatchingDriverInDriversIsPassedOverForPath() throws Exception {
    fakeDriver(drivers, "120.0.1.1");
    fakeDriver(pathDir, "156.0.2.2");

    InstalledProgram found =
        locator(counting(DriverDownloader.NONE), Duration.ofSeconds(5)).locate(null, "", browser);

    assertThat(found.source()).isEqualTo("PATH");
    assertThat(downloads).hasValue(0);
  }

  @Test
  void aDownloadIsTheLastResort() throws Exception {
    Path fetched = tmp.resolve("fetched");
    DriverDownloader fake = (major, into) -> fakeDriver(fetched, major + ".0.9.9");

    InstalledProgram found =
        locator(counting(fake), Duration.ofSeconds(5)).locate(null, "", browser);

    assertThat(found.source()).isEqualTo("download");
    assertThat(found.number()).isEqualTo("156.0.9.9");
    assertThat(downloads).hasValue(1);
  }

  @Test
  void offlineWithNothingInstalledFailsWithinSecondsNamingEveryPlace() {
    CountDownLatch never = new CountDownLatch(1);
    DriverDownloader hangs =
        (major, into) -> {
          never.await(); // a download stuck behind a proxy that never answers
          return null;
        };
    long start = System.nanoTime();

    assertThatThrownBy(() -> locator(hangs, Duration.ofSeconds(1)).locate(null, "", browser))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining(drivers.toString())
        .hasMessageContaining("PATH: no chromedriver")
        .hasMessageContaining("download: no answer within 1s")
        .hasMessageContaining("apt-get install chromium-driver");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aMismatchHasItsOwnMessage() throws Exception {
    fakeDriver(pathDir, "150.0.7000.1");

    assertThatThrownBy(
            () -> locator(DriverDownloader.NONE, Duration.ofSeconds(1)).locate(null, "", browser))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("chromedriver 150.0.7000.1")
        .hasMessageContaining("does not match Chromium 156")
        .hasMessageContaining("major versions must be equal");
    Path chosen = fakeDriver(tmp.resolve("mine"), "150.0.7000.1");
    assertThatThrownBy(
            () ->
                locator(DriverDownloader.NONE, Duration.ofSeconds(1))
                    .locate(chosen, "--driver", browser))
        .hasMessageContaining("does not match");
  }

  @Test
  void aChosenPathThatIsNotAProgramIsNamed() {
    Path missing = tmp.resolve("nope");

    assertThatThrownBy(
            () ->
                locator(DriverDownloader.NONE, Duration.ofSeconds(1))
                    .locate(missing, "$QMCOOKIE_DRIVER", browser))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("$QMCOOKIE_DRIVER names " + missing);
  }

  @Test
  void aVersionIsReadFromStandardOutputPastAWrappersNoise() throws Exception {
    Path wrapper = pathDir.resolve("chromium");
    Files.writeString(
        wrapper,
        "#!/bin/sh\necho '/usr/bin/chromium: 9: [: 25276510208: unexpected operator' >&2\n"
            + "echo 'Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)'\n");
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));

    InstalledProgram found = InstalledProgram.probe(wrapper, "PATH");

    assertThat(found.version()).startsWith("Chromium 156.0.8078.79");
    assertThat(found.major()).hasValue(156);
  }

  @Test
  void theBrowserIsChosenThenFoundOnPathInOrder() throws Exception {
    Path chromium = pathDir.resolve("chromium");
    Files.writeString(
        chromium, "#!/bin/sh\necho 'Chromium 156.0.8078.79 built on Debian GNU/Linux 12'\n");
    Files.setPosixFilePermissions(chromium, PosixFilePermissions.fromString("rwx------"));
    Path chrome = Files.copy(chromium, pathDir.resolve("google-chrome"));

    assertThat(new BrowserLocator(List.of(pathDir)).locate(null, "").path()).isEqualTo(chrome);
    assertThat(new BrowserLocator(List.of(pathDir)).locate(chromium, "--browser").source())
        .isEqualTo("--browser");
    assertThat(new BrowserLocator(List.of(pathDir)).locate(chromium, "--browser").major())
        .hasValue(156);
    assertThatThrownBy(() -> new BrowserLocator(List.of(tmp.resolve("empty"))).locate(null, ""))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("google-chrome, google-chrome-stable, chromium, chromium-browser")
        .hasMessageContaining("apt-get install chromium chromium-driver");
  }
}
