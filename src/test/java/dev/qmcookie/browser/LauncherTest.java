package dev.qmcookie.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.SetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is checked before a browser starts, and in which order: nothing is made on disk until the
 * browser and its driver are found. Small scripts stand in for Chromium; none is started.
 */
class LauncherTest {
  @TempDir Path tmp;
  List<Path> made = new ArrayList<>();

  Path script(String name, String version) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, "#!/bin/sh\necho '" + version + "'\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
    return f;
  }

  LaunchSettings settings(Path browser, boolean display) throws Exception {
    return new LaunchSettings(
        browser,
        "--browser",
        script("chromedriver", "ChromeDriver 150.0.1.1 (abc)"),
        "--driver",
        tmp.resolve("drivers"),
        false,
        List.of(),
        false,
        display,
        List.of("--lang=zh-CN"),
        true);
  }

  LaunchSpec prepare(LaunchSettings settings, boolean headless) throws Exception {
    Path profile = tmp.resolve("account/chrome");
    return new Launcher(settings)
        .prepare(
            profile,
            headless,
            p -> {
              made.add(p);
              Files.createDirectories(p);
            });
  }

  @Test
  void aWindowWithoutADisplayIsRefusedBeforeAnythingIsMade() throws Exception {
    LaunchSettings settings = settings(script("chromium", "Chromium 150.0.1.1"), false);

    assertThatThrownBy(() -> prepare(settings, false))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("--headless")
        .hasMessageContaining("xvfb-run");
    assertThat(made).isEmpty();
  }

  @Test
  void aMissingBrowserLeavesTheProfileUnmade() throws Exception {
    LaunchSettings settings = settings(tmp.resolve("no-chromium"), true);

    assertThatThrownBy(() -> prepare(settings, true)).isInstanceOf(SetupException.class);
    assertThat(made).isEmpty();
  }

  @Test
  void aFoundBrowserAndDriverGiveTheSpecOfAMadeFreeProfile() throws Exception {
    LaunchSettings settings = settings(script("chromium", "Chromium 150.0.1.1"), false);

    LaunchSpec spec = prepare(settings, true);

    assertThat(made).containsExactly(tmp.resolve("account/chrome"));
    assertThat(spec.profile()).isEqualTo(tmp.resolve("account/chrome"));
    assertThat(spec.browser().path()).isEqualTo(tmp.resolve("chromium"));
    assertThat(spec.driver().path()).isEqualTo(tmp.resolve("chromedriver"));
    assertThat(spec.arguments()).contains("--headless=new", "--no-sandbox", "--lang=zh-CN");
  }
}
