package dev.qmcookie.vault;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/** Gives a file the mode and group of an {@link ExportAccess}, never through a symbolic link. */
final class FileAccess {
  private FileAccess() {}

  /**
   * Sets {@code access} on {@code file}. A file changing group is made owner-only first, so members
   * of neither the old group nor the new one read it in between.
   *
   * @throws InvalidInputException when this user may not give the file to the group
   */
  static void apply(Path file, ExportAccess access, Path named) throws IOException {
    if (!FilePermissions.posix(file)) {
      return;
    }
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributes now = view.readAttributes();
    if (access.group().isPresent() && !access.group().get().equals(now.group())) {
      if (!now.permissions().equals(FilePermissions.OWNER_FILE)) {
        view.setPermissions(FilePermissions.OWNER_FILE);
      }
      setGroup(view, access.group().get(), named);
      now = view.readAttributes();
    }
    if (!now.permissions().equals(access.permissions())) {
      view.setPermissions(access.permissions());
    }
  }

  /** Whether {@code file} has the mode and, if one is wanted, the group of {@code access}. */
  static boolean has(Path file, ExportAccess access) throws IOException {
    if (!FilePermissions.posix(file)) {
      return true;
    }
    PosixFileAttributes now =
        Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return now.permissions().equals(access.permissions())
        && access.group().map(g -> g.equals(now.group())).orElse(true);
  }

  private static void setGroup(PosixFileAttributeView view, GroupPrincipal group, Path named)
      throws IOException {
    try {
      view.setGroup(group);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (FileSystemException e) {
      // chown(2) to a group: root may, and the owner only to a group it is a member of (EPERM).
      String reason = e.getReason() == null ? "not permitted" : e.getReason();
      throw new InvalidInputException(
          "cannot give "
              + named
              + " to group "
              + group.getName()
              + " ("
              + reason
              + "): run qmcookie as a member of that group, or choose one of this user's groups (id -Gn)",
          e);
    }
  }
}
