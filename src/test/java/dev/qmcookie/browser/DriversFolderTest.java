package dev.qmcookie.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.vault.TrustedPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./drivers is used only in a current folder of one's own, or the install folder. */
class DriversFolderTest {
  @TempDir Path tmp;

  @Test
  void aCurrentFolderOthersCanWriteGivesWayToTheInstallFolder() throws Exception {
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path install = Files.createDirectory(tmp.resolve("opt"));

    assertThat(defaultDrivers(shared, install)).isEqualTo(install.resolve("drivers"));
  }

  @Test
  void anOwnCurrentFolderOrTheInstallFolderKeepsDrivers() throws Exception {
    Path own = Files.createDirectory(tmp.resolve("own"));
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(defaultDrivers(own, tmp.resolve("opt"))).isEqualTo(Path.of("drivers"));
    assertThat(defaultDrivers(shared, shared)).isEqualTo(Path.of("drivers"));
  }

  @Test
  void theInstallFolderIsWhereTheCodeIs() {
    Path install = DriversFolder.installFolder();

    assertThat(install).isAbsolute();
    assertThat(install.resolve("dev/qmcookie/browser/DriversFolder.class")).isRegularFile();
  }

  // The command line judges the current folder the same way.
  static Path defaultDrivers(Path cwd, Path installFolder) throws IOException {
    return DriversFolder.choose(cwd, TrustedPath.problem(cwd).isEmpty(), installFolder);
  }
}
