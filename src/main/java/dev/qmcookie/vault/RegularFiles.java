package dev.qmcookie.vault;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opens files that hold or guard the cookie without following symbolic links, and only when they
 * are regular files. A link or a special file planted in a folder others could write is reported,
 * never followed: following it would read or write someone else's file with our rights, and opening
 * a FIFO blocks until a peer appears.
 *
 * <p>The type is checked before the open, and the open itself refuses links ({@code O_NOFOLLOW}); a
 * FIFO swapped in between the two could still block an open, which only the folder's owner can do.
 */
final class RegularFiles {
  private RegularFiles() {}

  /**
   * The type of what is at {@code path} without following a link, or empty when nothing is.
   *
   * @throws IOException when the folder cannot be read
   */
  static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
    try {
      return Optional.of(
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code path} is a regular file itself, not a link to one. */
  static boolean isRegular(Path path) throws IOException {
    return attributes(path).map(BasicFileAttributes::isRegularFile).orElse(false);
  }

  /**
   * @throws InvalidInputException when something other than a regular file is at {@code path}
   */
  static void requireRegularOrAbsent(Path path) throws IOException {
    Optional<BasicFileAttributes> attributes = attributes(path);
    if (attributes.isPresent() && !attributes.get().isRegularFile()) {
      throw notRegular(path, attributes.get());
    }
  }

  /**
   * The whole content of a regular file.
   *
   * @throws NoSuchFileException when there is none
   * @throws InvalidInputException when it is a link, a folder or a special file
   */
  static byte[] read(Path file) throws IOException {
    BasicFileAttributes attributes =
        attributes(file).orElseThrow(() -> new NoSuchFileException(file.toString()));
    if (!attributes.isRegularFile()) {
      throw notRegular(file, attributes);
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return in.readAllBytes();
    }
  }

  /**
   * Opens a regular file, creating it owner-only when absent, without following a link.
   *
   * @param options what to open it for, besides {@code CREATE} and {@code NOFOLLOW_LINKS}
   * @throws InvalidInputException when something other than a regular file is there
   */
  static FileChannel openOrCreate(Path file, OpenOption... options) throws IOException {
    requireRegularOrAbsent(file);
    Set<OpenOption> all = new HashSet<>(List.of(options));
    all.add(StandardOpenOption.CREATE);
    all.add(LinkOption.NOFOLLOW_LINKS);
    return FileChannel.open(file, all, FilePermissions.ownerFileAttributes(file));
  }

  /** What is wrong with a file that is not regular, naming it and what to do. */
  static InvalidInputException notRegular(Path path, BasicFileAttributes attributes) {
    return new InvalidInputException(
        path
            + " is damaged: "
            + whyNotRegular(attributes)
            + "; check who put it there, then remove it");
  }

  static String whyNotRegular(BasicFileAttributes attributes) {
    return "it is "
        + describe(attributes)
        + ", not a regular file, and qmcookie does not follow or open it";
  }

  static String describe(BasicFileAttributes attributes) {
    if (attributes.isSymbolicLink()) {
      return "a symbolic link";
    }
    if (attributes.isDirectory()) {
      return "a folder";
    }
    return "a special file (a device, FIFO or socket)";
  }
}
