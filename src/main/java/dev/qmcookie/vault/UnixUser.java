package dev.qmcookie.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A local user as the kernel sees it when it opens a file: a uid and every group id. Used to tell
 * whether another program's user (Meting-API's) can read what qmcookie wrote, which the running
 * user cannot find out by trying.
 */
public record UnixUser(String name, int uid, Set<Integer> groups) {
  public UnixUser {
    groups = Set.copyOf(groups);
  }

  /** Whether this user may read {@code file}, by owner, group and mode (ACLs are not consulted). */
  public boolean mayRead(Path file) throws IOException {
    return allows(file, 4);
  }

  /**
   * Whether this user may look up names in {@code folder} (its x bit), which opening a file below
   * needs.
   */
  public boolean mayEnter(Path folder) throws IOException {
    return allows(folder, 1);
  }

  private boolean allows(Path path, int bit) throws IOException {
    if (uid == 0) {
      return true;
    }
    // "unix:*" gives the numbers the kernel compares; PosixFileAttributes only gives names, which
    // need not be unique.
    int mode = (Integer) Files.getAttribute(path, "unix:mode");
    int owner = (Integer) Files.getAttribute(path, "unix:uid");
    int group = (Integer) Files.getAttribute(path, "unix:gid");
    // The kernel uses the first class that matches, even when a later one would allow more.
    if (owner == uid) {
      return (mode & (bit << 6)) != 0;
    }
    if (groups.contains(group)) {
      return (mode & (bit << 3)) != 0;
    }
    return (mode & bit) != 0;
  }

  /**
   * The number of the user owning {@code path} (what a link points to: a program runs in the
   * target).
   */
  public static int ownerUid(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:uid");
  }
}
