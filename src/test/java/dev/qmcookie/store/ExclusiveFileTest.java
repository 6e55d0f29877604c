package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new owner-only file that never replaces another, also where hard links are refused. */
class ExclusiveFileTest {
  // As vfat and some FUSE or CIFS mounts answer link(2): EPERM.
  static final ExclusiveFile.Linker NO_HARD_LINKS =
      (link, existing) -> {
        throw new FileSystemException(
            link.toString(), existing.toString(), "Operation not permitted");
      };

  @TempDir Path dir;

  @Test
  void withoutHardLinksTheFileIsStillMadeOwnerOnlyAndWhole() throws Exception {
    Path file = dir.resolve("cookie.json.recovered");

    assertThat(ExclusiveFile.create(file, bytes("renewed"), NO_HARD_LINKS)).isTrue();

    assertThat(Files.readString(file)).isEqualTo("renewed");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(file); // no temporary file stays behind
    }
  }

  @Test
  void withoutHardLinksAnExistingFileIsNeverReplaced() throws Exception {
    Path file = dir.resolve("store.key");
    Files.writeString(file, "earlier");

    assertThat(ExclusiveFile.create(file, bytes("later"), NO_HARD_LINKS)).isFalse();

    assertThat(Files.readString(file)).isEqualTo("earlier");
  }

  @Test
  void withHardLinksAnExistingFileIsNeverReplaced() throws Exception {
    Path file = dir.resolve("store.key");
    assertThat(ExclusiveFile.create(file, bytes("first"))).isTrue();

    assertThat(ExclusiveFile.create(file, bytes("second"))).isFalse();

    assertThat(Files.readString(file)).isEqualTo("first");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
