package dev.qmcookie.store;

import dev.qmcookie.vault.FilePermissions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A new owner-only file that never replaces one that is there, and is never seen in part. */
final class ExclusiveFile {
  private ExclusiveFile() {}

  /**
   * Creates {@code file} holding {@code content}, mode 0600; a missing folder is made owner-only.
   *
   * @return false, writing nothing, when {@code file} exists already
   */
  static boolean create(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      // Only a folder made here: an existing one, such as /etc/qmcookie, keeps the mode it has.
      FilePermissions.createPrivateDirectory(dir);
    }
    // Complete before it gets its name; createTempFile makes it owner-only on POSIX.
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      return link(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  // A hard link fails if the name exists, where a rename would replace it.
  private static boolean link(Path tmp, Path file) throws IOException {
    try {
      Files.createLink(file, tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException noLinks) {
      try {
        Files.move(tmp, file); // without REPLACE_EXISTING
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
  }
}
