package dev.qmcookie.vault;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may read an exported file besides its owner: a mode between 0600 and 0660 and, optionally, a
 * group. A consumer that runs as another user (Meting-API under its own account or in a container)
 * reads the cookie through the group; "other" is never given any access, as that would hand the
 * login to every user and service on the machine.
 *
 * @param permissions the file's mode; always includes owner read and write
 * @param group the file's group, or empty to leave it as the system gives it
 */
public record ExportAccess(Set<PosixFilePermission> permissions, Optional<GroupPrincipal> group) {
  /** Owner-only, group as created: what every export was before modes could be chosen. */
  public static final ExportAccess OWNER_ONLY =
      new ExportAccess(FilePermissions.OWNER_FILE, Optional.empty());

  private static final Pattern OCTAL = Pattern.compile("[0-7]{1,4}");
  private static final int OWNER_RW = 0600;
  private static final int MOST = 0660;
  private static final int OTHERS = 0007;

  /**
   * @throws IllegalArgumentException for a mode {@link #of} would refuse; callers parse with it
   */
  public ExportAccess {
    permissions = Set.copyOf(permissions);
    if (!PosixFilePermissions.fromString("rw-rw----").containsAll(permissions)
        || !permissions.containsAll(FilePermissions.OWNER_FILE)) {
      throw new IllegalArgumentException("an export's mode lies between 0600 and 0660");
    }
    group = Objects.requireNonNull(group);
  }

  /**
   * Reads {@code --mode} and {@code --group}.
   *
   * @param mode octal, such as "0640" or "640"; null for 0600
   * @param group a group name or a numeric gid; null for none
   * @throws InvalidInputException when the mode gives others access, goes beyond 0660 or takes the
   *     owner's own read and write away, or when no such group exists
   */
  public static ExportAccess of(String mode, String group) {
    return new ExportAccess(
        mode == null ? FilePermissions.OWNER_FILE : parseMode(mode.strip()), lookUp(group));
  }

  /**
   * Checks now that this user may give files to the group, so that a daemon that could never write
   * its exports stops at start instead of logging the same error on every write. The check gives a
   * new empty temporary file to the group and removes it.
   *
   * @param folder where the temporary file goes: one this user can write (the home), since in a
   *     container the system's temporary folder may be read-only
   * @throws InvalidInputException when it may not: only root and the group's members may
   */
  public void requireGroupAllowed(Path folder) throws IOException {
    if (group.isEmpty()) {
      return;
    }
    Path probe = Files.createTempFile(folder, ".qmcookie-group-", ".tmp");
    try {
      FileAccess.apply(
          probe, new ExportAccess(FilePermissions.OWNER_FILE, group), Path.of("files"));
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /** The mode in octal, as {@code ls -l} users write it. */
  public String mode() {
    int bits = 0;
    for (PosixFilePermission p : permissions) {
      bits |= 1 << (8 - p.ordinal());
    }
    return String.format("%04o", bits);
  }

  private static Set<PosixFilePermission> parseMode(String text) {
    if (!OCTAL.matcher(text).matches()) {
      throw new InvalidInputException(
          "--mode \"" + text + "\" is not an octal mode: write it like 0640");
    }
    int bits = Integer.parseInt(text, 8);
    if ((bits & OTHERS) != 0) {
      throw new InvalidInputException(
          "--mode "
              + text
              + " lets every user on this machine read or change the cookie: give the"
              + " consumer's group access instead, with --mode 0640 --group GROUP");
    }
    if ((bits & ~MOST) != 0 || (bits & OWNER_RW) != OWNER_RW) {
      throw new InvalidInputException(
          "--mode "
              + text
              + " is not allowed: use 0600 (owner only), 0640 (group reads) or 0660;"
              + " no execute, setuid, setgid or sticky bit");
    }
    StringBuilder rwx = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      rwx.append((bits & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    return PosixFilePermissions.fromString(rwx.toString());
  }

  // The JDK's lookup takes a name and, for a name that is no group, a numeric gid.
  private static Optional<GroupPrincipal> lookUp(String group) {
    if (group == null || group.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          FileSystems.getDefault()
              .getUserPrincipalLookupService()
              .lookupPrincipalByGroupName(group.strip()));
    } catch (UserPrincipalNotFoundException e) {
      throw new InvalidInputException(
          "--group \""
              + group.strip()
              + "\" is no group on this machine: name one listed by getent group, or give a numeric gid");
    } catch (IOException e) {
      throw new InvalidInputException(
          "--group \"" + group.strip() + "\" cannot be looked up: " + e.getMessage());
    }
  }
}
