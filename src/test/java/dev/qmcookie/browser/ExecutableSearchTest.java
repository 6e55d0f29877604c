package dev.qmcookie.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.SetupException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A PATH entry that is relative ("", ".", "bin") means the current folder, and is not searched. */
class ExecutableSearchTest {
  // Relative to the current folder of the test run; target/ is the build's own scratch space.
  static final Path RELATIVE = Path.of("target", "executable-search-test");
  Path planted;

  @BeforeEach
  void plant() throws Exception {
    Files.createDirectories(RELATIVE);
    planted = RELATIVE.resolve("chromium");
    Files.writeString(planted, "#!/bin/sh\necho 'Chromium 156.0.1.1 built on Debian'\n");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterEach
  void remove() throws Exception {
    Files.deleteIfExists(planted);
    Files.deleteIfExists(RELATIVE);
  }

  @Test
  void aRelativeFolderIsPassedOver() {
    assertThat(ExecutableSearch.find(List.of("chromium"), List.of(RELATIVE))).isEmpty();
    assertThatThrownBy(() -> new BrowserLocator(List.of(RELATIVE)).locate(null, ""))
        .isInstanceOf(SetupException.class)
        .hasMessageContaining("no Chrome or Chromium found");
  }

  @Test
  void theSameFolderGivenAbsoluteIsSearched() {
    assertThat(ExecutableSearch.find(List.of("chromium"), List.of(RELATIVE.toAbsolutePath())))
        .contains(RELATIVE.toAbsolutePath().resolve("chromium"));
  }
}
