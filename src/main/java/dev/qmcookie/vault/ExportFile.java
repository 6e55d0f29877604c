package dev.qmcookie.vault;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * A file outside the home that receives the cookie ({@code export --out}, the daemon's
 * {@code --export}). It is replaced atomically, so it must be a regular file or absent: replacing a
 * device, FIFO or socket with a file holding the cookie would break whatever used it, and as root
 * {@code --out /dev/null} would do that to the real {@code /dev}. A symbolic link is replaced by the
 * file, and what it points to is never written.
 */
public final class ExportFile {
  private ExportFile() {}

  /**
   * @throws InvalidInputException when {@code target} is a folder or a special file
   */
  public static void check(Path target) throws IOException {
    Optional<BasicFileAttributes> attributes = RegularFiles.attributes(target);
    if (attributes.isEmpty() || attributes.get().isRegularFile() || attributes.get().isSymbolicLink()) {
      return;
    }
    if (attributes.get().isDirectory()) {
      throw new InvalidInputException(
          target + " is a folder: export to a file path, such as " + target.resolve("cookie"));
    }
    throw new InvalidInputException(
        target + " is " + RegularFiles.describe(attributes.get())
            + ": qmcookie exports only to a regular file, which it replaces; choose another path");
  }

  /** Atomically replaces {@code target}, owner-only, after {@link #check}. */
  public static void write(Path target, String content) throws IOException {
    check(target);
    AtomicFile.write(target, content);
  }
}
