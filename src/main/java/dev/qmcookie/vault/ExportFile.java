package dev.qmcookie.vault;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A file outside the home that receives the cookie ({@code export --out}, the daemon's {@code
 * --export}). It is replaced atomically, so it must be a regular file or absent: replacing a
 * device, FIFO or socket with a file holding the cookie would break whatever used it, and as root
 * {@code --out /dev/null} would do that to the real {@code /dev}. A symbolic link is replaced by
 * the file, and what it points to is never written.
 */
public final class ExportFile {
  // The kernel's own folders. In /dev only the folder itself: its subfolders are devices (refused
  // by their type) or file systems such as /dev/shm, a fine place for a secret kept in memory.
  private static final List<Path> SYSTEM_FOLDERS = List.of(Path.of("/proc"), Path.of("/sys"));
  private static final Path DEVICES = Path.of("/dev");

  private ExportFile() {}

  /**
   * @throws InvalidInputException when {@code target} is a folder or a special file
   */
  public static void check(Path target) throws IOException {
    if (target.toString().isEmpty()) {
      throw new InvalidInputException("the export path is empty: give a file path");
    }
    Optional<Path> system = systemFolder(target);
    if (system.isPresent()) {
      throw new InvalidInputException(
          target
              + " is in "
              + system.get()
              + ", a folder of the system: qmcookie replaces the file it"
              + " exports to, which would replace a system entry (as root, /dev/stdout itself); leave"
              + " out --out to print the cookie to standard output");
    }
    Optional<BasicFileAttributes> attributes = RegularFiles.attributes(target);
    if (attributes.isEmpty()
        || attributes.get().isRegularFile()
        || attributes.get().isSymbolicLink()) {
      return;
    }
    if (attributes.get().isDirectory()) {
      throw new InvalidInputException(
          target + " is a folder: export to a file path, such as " + target.resolve("cookie"));
    }
    throw new InvalidInputException(
        target
            + " is "
            + RegularFiles.describe(attributes.get())
            + ": qmcookie exports only to a regular file, which it replaces; choose another path");
  }

  // /dev/stdout, /dev/fd/1 and /proc/self/fd/1 look like paths but name the process's streams or
  // the kernel's entries; the parent folder is resolved, so /dev/fd counts as /proc.
  private static Optional<Path> systemFolder(Path target) throws IOException {
    Path parent = target.toAbsolutePath().normalize().getParent();
    if (parent == null) {
      return Optional.empty();
    }
    Path real = Files.exists(parent) ? parent.toRealPath() : parent;
    if (real.equals(DEVICES)) {
      return Optional.of(DEVICES);
    }
    for (Path system : SYSTEM_FOLDERS) {
      if (real.startsWith(system)) {
        return Optional.of(system);
      }
    }
    return Optional.empty();
  }

  /** What {@link #write} did to a target. */
  public enum Written {
    /** The file now holds the new content, from a rename. */
    REPLACED,
    /** The file held that content already and was left alone, but for its mode or group. */
    ALREADY_CURRENT
  }

  /** Atomically replaces {@code target}, owner-only, after {@link #check}. */
  public static Written write(Path target, String content) throws IOException {
    return write(target, content, ExportAccess.OWNER_ONLY);
  }

  /**
   * Makes {@code target} hold {@code content} with {@code access}, after {@link #check}. A file
   * that holds it already is not rewritten, as a consumer watching it would reload for nothing;
   * only its mode and group are fixed, in place.
   *
   * @throws dev.qmcookie.failure.InvalidInputException when the target is refused by {@link #check}
   *     or this user may not give files to the group
   */
  public static Written write(Path target, String content, ExportAccess access) throws IOException {
    check(target);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (isCurrent(target, bytes)) {
      if (!FileAccess.has(target, access)) {
        FileAccess.apply(target, access, target);
      }
      return Written.ALREADY_CURRENT;
    }
    AtomicFile.write(target, bytes, access);
    return Written.REPLACED;
  }

  // Changing a file in place is safe only when it is ours alone: another name for the same inode (a
  // hard link someone made to a file of ours) would get the group's access too. Any doubt means a
  // rewrite, which replaces the name and leaves every other inode as it was.
  private static boolean isCurrent(Path target, byte[] bytes) throws IOException {
    Optional<BasicFileAttributes> attributes = RegularFiles.attributes(target);
    if (attributes.isEmpty()
        || !attributes.get().isRegularFile()
        || attributes.get().size() != bytes.length) {
      return false;
    }
    if (FilePermissions.posix(target)) {
      Object links = Files.getAttribute(target, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
      UserPrincipal owner = Files.getOwner(target, LinkOption.NOFOLLOW_LINKS);
      if (!Integer.valueOf(1).equals(links)
          || !RunningUser.principal().map(owner::equals).orElse(false)) {
        return false;
      }
    }
    try {
      return Arrays.equals(RegularFiles.read(target), bytes);
    } catch (NoSuchFileException | InvalidInputException gone) {
      return false;
    }
  }
}
