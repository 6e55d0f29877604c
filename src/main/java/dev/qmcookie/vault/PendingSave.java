package dev.qmcookie.vault;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A save of an account's cookie, made ready before the renewal request. The server rotates the key
 * as it answers, so an answer that cannot be stored loses the login: everything that needs room on
 * disk therefore happens here, before the request, and {@link #commit} only overwrites blocks
 * already allocated and renames.
 *
 * <ul>
 *   <li>The current cookie is copied now into a temporary file that {@code commit} renames to
 *       {@code cookie.json.prev}. A copy after the request could fail for want of room; a hard link
 *       would need no room but is not available on every file system, and a rename would leave no
 *       {@code cookie.json} for a moment.
 *   <li>The new cookie's temporary file is filled now with zeros, synced, to more than the size the
 *       new document can reasonably reach; {@code commit} overwrites it in place. On copy-on-write
 *       file systems (btrfs, ZFS) an overwrite may still need room; {@link #recover} is the
 *       fallback.
 * </ul>
 *
 * Close it in every case: that removes whatever temporary file {@code commit} did not use.
 */
public final class PendingSave implements SaveSlot {
  // A renewal changes a few values of a few kilobytes; the new document is never far larger.
  private static final int MIN_HEADROOM = 16 * 1024;

  private final Path current;
  private final Path previous;
  private final Path recovery;
  private final Path keptCopy;
  private final Path reserved;
  private boolean holdsNewCookie;

  private PendingSave(Path current, Path previous, Path recovery, Path keptCopy, Path reserved) {
    this.current = current;
    this.previous = previous;
    this.recovery = recovery;
    this.keptCopy = keptCopy;
    this.reserved = reserved;
  }

  /**
   * Proves that the save will work: writes and syncs both temporary files beside {@code current}.
   *
   * @throws IOException when there is no room or no right to write there; nothing is left behind
   */
  static PendingSave prepare(Path current, Path previous, Path recovery) throws IOException {
    Path dir = current.toAbsolutePath().getParent();
    // Only a regular cookie is kept: a planted link would copy its target (say /etc/passwd) into
    // cookie.json.prev; the rename in commit replaces the link itself.
    byte[] now = RegularFiles.isRegular(current) ? RegularFiles.read(current) : null;
    Path keptCopy = null;
    Path reserved = null;
    try {
      if (now != null) {
        keptCopy = temporaryFile(dir, previous);
        writeAndSync(keptCopy, ByteBuffer.wrap(now));
      }
      reserved = temporaryFile(dir, current);
      int size = now == null ? 0 : now.length;
      // The new document is about the size of the current one; twice that, or 16 KiB more, is
      // ample.
      int room = size + Math.max(MIN_HEADROOM, size);
      writeAndSync(reserved, ByteBuffer.allocate(room));
      return new PendingSave(current, previous, recovery, keptCopy, reserved);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(keptCopy);
      deleteQuietly(reserved);
      throw e;
    }
  }

  /**
   * Stores {@code record} as the current cookie, keeping the one before it as {@code
   * cookie.json.prev}.
   *
   * @throws IOException when it could not be stored; the current cookie is then unchanged, and
   *     {@link #recover} can still put the new one aside
   */
  public void commit(CookieRecord record) throws IOException {
    byte[] next = CookieFormats.storeDocument(record).getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(reserved, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(next);
      while (buffer.hasRemaining()) {
        ch.write(buffer, buffer.position());
      }
      ch.truncate(next.length);
      ch.force(true);
    }
    holdsNewCookie = true;
    // A crash between the two renames leaves the old cookie in both files: never a loss.
    if (keptCopy != null) {
      AtomicFile.replace(keptCopy, previous);
    }
    AtomicFile.replace(reserved, current);
    AtomicFile.fsyncDirectory(current.toAbsolutePath().getParent());
  }

  /**
   * Puts {@code record} aside in the recovery file after {@link #commit} failed: the temporary file
   * already holding it is renamed there, which needs no room; else it is written afresh.
   *
   * @return the recovery file
   * @throws IOException when even that failed
   */
  public Path recover(CookieRecord record) throws IOException {
    deleteQuietly(keptCopy); // its room may be what the recovery file needs
    if (holdsNewCookie && Files.isRegularFile(reserved)) {
      try {
        AtomicFile.replace(reserved, recovery);
        AtomicFile.fsyncDirectory(recovery.toAbsolutePath().getParent());
        return recovery;
      } catch (IOException renameFailed) {
        // fall through to a fresh write, which may land where the rename could not
      }
    }
    deleteQuietly(reserved);
    AtomicFile.write(recovery, CookieFormats.storeDocument(record));
    return recovery;
  }

  @Override
  public void close() {
    deleteQuietly(keptCopy);
    deleteQuietly(reserved);
  }

  // Named like AtomicFile's temporary files, so that Account's clean-up after a kill finds them.
  private static Path temporaryFile(Path dir, Path target) throws IOException {
    return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
  }

  private static void writeAndSync(Path file, ByteBuffer content) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      while (content.hasRemaining()) {
        ch.write(content);
      }
      ch.force(true);
    }
    FilePermissions.restrictFile(file);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // the next run under the account lock removes it
    }
  }
}
