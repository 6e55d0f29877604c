package dev.qmcookie.store;

import dev.qmcookie.vault.FilePermissions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/** A new owner-only file that never replaces one that is there, and is never seen in part. */
final class ExclusiveFile {
  /** Makes a hard link; the tests' one fails as a file system without hard links does. */
  @FunctionalInterface
  interface Linker {
    Linker HARD = Files::createLink;

    void link(Path link, Path existing) throws IOException;
  }

  private ExclusiveFile() {}

  /**
   * Creates {@code file} holding {@code content}, mode 0600; a missing folder is made owner-only.
   *
   * @return false, writing nothing, when {@code file} exists already
   */
  static boolean create(Path file, byte[] content) throws IOException {
    return create(file, content, Linker.HARD);
  }

  static boolean create(Path file, byte[] content, Linker linker) throws IOException {
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
      return link(tmp, file, linker, content);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  // A hard link fails if the name exists, where a rename would replace it. File systems without
  // hard links (vfat, some FUSE and CIFS mounts) refuse with EPERM, a FileSystemException: there
  // the file is created exclusively under its name and then written, still never over another,
  // though a reader at that moment may find it in part; that beats losing a renewed cookie.
  private static boolean link(Path tmp, Path file, Linker linker, byte[] content)
      throws IOException {
    try {
      linker.link(file, tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (FileSystemException | UnsupportedOperationException noLinks) {
      return writeNew(file, content);
    }
  }

  private static boolean writeNew(Path file, byte[] content) throws IOException {
    FileChannel ch;
    try {
      ch =
          FileChannel.open(
              file,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              FilePermissions.ownerFileAttributes(file));
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    try (ch) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(true);
    } catch (IOException e) {
      // A file in part under the name would pass for a whole one.
      Files.deleteIfExists(file);
      throw e;
    }
    return true;
  }
}
