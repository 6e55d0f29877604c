package dev.qmcookie.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.qmcookie.failure.SetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting a session never asks Selenium Manager, which would try to download a driver. */
class BrowserSessionTest {
  @TempDir Path tmp;

  @Test
  void theGivenDriverIsStartedAndSeleniumManagerNeverRunsNorIsSwitchedOffGlobally()
      throws Exception {
    Path started = tmp.resolve("started");
    // A driver that says it ran and then dies, so the launch fails before any browser is needed.
    Path driver =
        Files.writeString(
            tmp.resolve("chromedriver"), "#!/bin/sh\necho \"$@\" > " + started + "\nexit 1\n");
    Files.setPosixFilePermissions(driver, PosixFilePermissions.fromString("rwx------"));
    LaunchSpec spec =
        new LaunchSpec(
            new InstalledProgram(tmp.resolve("no-chromium"), "Chromium 156.0.8078.79", "test"),
            new InstalledProgram(driver, "ChromeDriver 156.0.8078.79", "test"),
            tmp.resolve("profile"),
            true,
            List.of(),
            false);
    List<LogRecord> manager = new CopyOnWriteArrayList<>();
    List<LogRecord> finder = new CopyOnWriteArrayList<>();
    // Held here: java.util.logging forgets a logger nothing references, and its level with it.
    Logger managerLog = Logger.getLogger("org.openqa.selenium.manager");
    Logger finderLog = Logger.getLogger("org.openqa.selenium.remote.service.DriverFinder");
    Handler toManager = recorder(manager);
    Handler toFinder = recorder(finder);
    Level managerLevel = managerLog.getLevel();
    Level finderLevel = finderLog.getLevel();
    managerLog.setLevel(Level.ALL);
    finderLog.setLevel(Level.ALL);
    managerLog.addHandler(toManager);
    finderLog.addHandler(toFinder);
    try {
      // The tests have no network: a download attempt would hang here instead of failing.
      assertTimeoutPreemptively(
          Duration.ofSeconds(60),
          () ->
              assertThatThrownBy(() -> BrowserSession.launch(spec))
                  .isInstanceOf(SetupException.class)
                  .hasMessageContaining(driver.toString()));
    } finally {
      managerLog.removeHandler(toManager);
      finderLog.removeHandler(toFinder);
      managerLog.setLevel(managerLevel);
      finderLog.setLevel(finderLevel);
    }

    assertThat(started).as("the driver qmcookie chose was the one started").exists();
    assertThat(finder)
        .extracting(LogRecord::getMessage)
        .anySatisfy(
            m -> assertThat(m).startsWith("Skipping Selenium Manager").contains(driver.toString()));
    assertThat(manager)
        .extracting(LogRecord::getMessage)
        .as("Selenium Manager was not consulted")
        .isEmpty();
    assertThat(System.getProperty("SE_OFFLINE")).as("no JVM-wide switch is needed").isNull();
    assertThat(Logger.getLogger("org.openqa.selenium").getLevel())
        .as("logging is the command line's to set")
        .isNull();
  }

  private static Handler recorder(List<LogRecord> into) {
    Handler h =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            into.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    h.setLevel(Level.ALL);
    return h;
  }

  @Test
  void aBrowserStartedWhileTheProcessExitsIsQuitAgainAndTheFailureIsPassing() throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    Path chromedriver = Path.of("/usr/bin/chromedriver");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(chromium) && Files.isExecutable(chromedriver)
            || "true".equalsIgnoreCase(System.getenv("CI")),
        "browser test skipped: apt-get install chromium chromium-driver");
    Path profile = tmp.resolve("profile");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LaunchWhileExiting.class.getName(),
                chromium.toString(),
                chromedriver.toString(),
                profile.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(child.getInputStream().readAllBytes());
    assertThat(child.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    assertThat(out)
        .contains("TransientFailureException: qmcookie is stopping")
        .contains("the next run tries again");
    // Chrome's helpers leave within a moment of the quit; none may keep the profile.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (browsersOn(profile) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(browsersOn(profile)).as("browsers left running on the profile").isZero();
  }

  private static long browsersOn(Path profile) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("--user-data-dir=" + profile))
        .count();
  }
}
