package dev.qmcookie.vault;

import static dev.qmcookie.vault.VaultTestSupport.assumePosix;
import static dev.qmcookie.vault.VaultTestSupport.mode;
import static dev.qmcookie.vault.VaultTestSupport.names;
import static dev.qmcookie.vault.VaultTestSupport.setMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path tmp;

  @Test
  void writesANewFileAndItsMissingFolders() throws Exception {
    Path target = tmp.resolve("a").resolve("b").resolve("tencent");

    AtomicFile.write(target, "uin=1; qqmusic_key=Q_H_L_x");

    assertThat(target).hasContent("uin=1; qqmusic_key=Q_H_L_x");
    assertThat(names(target.getParent())).containsExactly("tencent");
  }

  @Test
  void replacesTheContentWholeAndLeavesNoTemporaryFile() throws Exception {
    Path target = tmp.resolve("tencent");
    Files.writeString(target, "old content that is longer than the new one");

    AtomicFile.write(target, "new");

    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(names(tmp)).containsExactly("tencent");
  }

  @Test
  void writesStringsAsUtf8() throws Exception {
    Path target = tmp.resolve("f");

    AtomicFile.write(target, "安全验证 ✓");

    assertThat(Files.readAllBytes(target)).isEqualTo("安全验证 ✓".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesBytesExactly() throws Exception {
    Path target = tmp.resolve("f");
    byte[] bytes = new byte[70_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }

    AtomicFile.write(target, bytes);

    assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
  }

  @Test
  void theResultIsOwnerOnlyEvenWhenTheOldFileWasWorldReadable() throws Exception {
    assumePosix();
    Path target = tmp.resolve("tencent");
    Files.writeString(target, "old");
    setMode(target, "rw-r--r--");

    AtomicFile.write(target, "new");

    assertThat(mode(target)).isEqualTo("rw-------");
    assertThat(target).hasContent("new");
  }

  @Test
  void aNewFileIsOwnerOnly() throws Exception {
    assumePosix();
    Path target = tmp.resolve("fresh");

    AtomicFile.write(target, "x");

    assertThat(mode(target)).isEqualTo("rw-------");
  }

  @Test
  void aFailedReplaceLeavesNoTemporaryFileAndTheTargetIntact() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("occupied"));
    Files.writeString(target.resolve("inside"), "keep");

    // The failure names the file the user asked for, not the temporary file.
    assertThatThrownBy(() -> AtomicFile.write(target, "x"))
        .isInstanceOfSatisfying(
            FileSystemException.class, e -> assertThat(e.getFile()).isEqualTo(target.toString()));

    assertThat(names(tmp)).containsExactly("occupied");
    assertThat(target.resolve("inside")).hasContent("keep");
  }

  @Test
  void aFolderThatRefusesNewFilesIsNamedWithTheTargetNotATemporaryFile() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("immutable"));
    Path target = folder.resolve("tencent");
    // Root ignores modes, so the folder is made immutable instead, where the file system allows it.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        chattr("+i", folder), "chattr +i is not supported here, so no folder refuses root");
    try {
      assertThatThrownBy(() -> AtomicFile.write(target, "x"))
          .isInstanceOfSatisfying(
              FileSystemException.class,
              e -> assertThat(e.getFile()).isEqualTo(target.toAbsolutePath().toString()))
          .hasMessageNotContaining(".tmp");
    } finally {
      chattr("-i", folder);
    }
  }

  private static boolean chattr(String flag, Path path) throws Exception {
    try {
      Process p =
          new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (java.io.IOException noChattr) {
      return false;
    }
  }

  @Test
  void createPrivateDirectoryMakesOnlyTheLeafOwnerOnly() throws Exception {
    assumePosix();
    Path parent = tmp.resolve("p");
    Path leaf = parent.resolve("leaf");

    FilePermissions.createPrivateDirectory(leaf);

    assertThat(leaf).isDirectory();
    assertThat(mode(leaf)).isEqualTo("rwx------");
    assertThat(parent).isDirectory();
  }

  @Test
  void createPrivateDirectoryTightensAnExistingFolder() throws Exception {
    assumePosix();
    Path dir = Files.createDirectories(tmp.resolve("d"));
    setMode(dir, "rwxr-xr-x");
    Files.writeString(dir.resolve("kept"), "x");

    FilePermissions.createPrivateDirectory(dir);

    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(dir.resolve("kept")).hasContent("x");
  }
}
