package dev.qmcookie.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a file so that a reader, or a crash at any moment, sees either the old content or the
 * new, never a part: write a temporary file in the same folder, fsync it, rename it over the
 * target, fsync the folder. The result is mode 0600 unless an {@link ExportAccess} says otherwise.
 */
public final class AtomicFile {
  private AtomicFile() {}

  public static void write(Path target, String content) throws IOException {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Atomically replaces {@code target} with {@code bytes}; missing parent folders are created. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, bytes, ExportAccess.OWNER_ONLY);
  }

  /**
   * Atomically replaces {@code target} with {@code bytes}, with the mode and group of {@code
   * access}. They are set on the temporary file before the rename, so no reader ever sees the new
   * content with the old or a default mode, and a refused group leaves the target as it was.
   *
   * @throws dev.qmcookie.failure.InvalidInputException when this user may not give files to the
   *     group
   */
  public static void write(Path target, byte[] bytes, ExportAccess access) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    // Same folder, so the rename stays on one file system and is atomic. createTempFile makes the
    // file owner-only on POSIX before a single byte is written.
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
    } catch (FileSystemException e) {
      throw named(absolute, e); // the temporary file's name would only puzzle the user
    }
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        FilePermissions.restrictFile(tmp);
        FileAccess.apply(tmp, access, absolute);
        // After the mode and group, so that a crash cannot leave new content with the old ones.
        ch.force(true);
      }
      replace(tmp, absolute);
      fsyncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Renames {@code tmp} over {@code target}. A failure names the target: the temporary file's name
   * means nothing to the user.
   */
  static void replace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileSystemException e) {
      throw named(target, e);
    }
  }

  // The same failure, naming the file being replaced rather than its temporary file.
  private static FileSystemException named(Path target, FileSystemException e) {
    FileSystemException named = new FileSystemException(target.toString(), null, e.getReason());
    named.initCause(e);
    return named;
  }

  // Makes the rename itself durable. Not every platform can open a folder for syncing; there the
  // rename is still atomic, only its durability across power loss is up to the file system.
  static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort, see above
    }
  }
}
