package dev.qmcookie.vault;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

/**
 * Whether qmcookie may trust a path it reads settings or secrets from: it must belong to the user
 * running qmcookie and be writable by no one else. qmcookie often runs as root from cron, so a
 * config or account folder that another user can plant or change would let that user send the
 * cookie elsewhere or run programs as root.
 *
 * <p>On a file system without POSIX owners and modes nothing is checked.
 */
public final class TrustedPath {
  private static final Set<PosixFilePermission> OTHERS_WRITE =
      Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
  private static final Set<PosixFilePermission> OTHERS_ANY =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private TrustedPath() {}

  /**
   * Why a path cannot be trusted.
   *
   * @param path the path as it was found, or the target of the link it was reached through
   * @param reason what is wrong, such as "is owned by nobody, not root"
   * @param fix the command that fixes it
   */
  public record Untrusted(Path path, String reason, String fix) {
    /** One line: the path, what is wrong and the fix. */
    public String message() {
      return path + " " + reason + ", so qmcookie will not use it; fix: " + fix;
    }
  }

  /**
   * What is wrong with {@code path}, if anything; a path that does not exist has nothing wrong. A
   * symbolic link is judged by its target, so a home reached through a link is fine when the target
   * is.
   */
  public static Optional<Untrusted> problem(Path path) throws IOException {
    if (!FilePermissions.posix(path) || !Files.exists(path)) {
      return Optional.empty();
    }
    Path real = path.toRealPath();
    return ownerAndWriters(real, readAttributes(real));
  }

  /**
   * Like {@link #problem}, for a file of settings: it must also be a regular file (a link to one is
   * judged by its target), since a FIFO would block its reader and a folder would be skipped
   * silently.
   */
  public static Optional<Untrusted> settingsFileProblem(Path file) throws IOException {
    Optional<Untrusted> problem = problem(file);
    if (problem.isPresent() || !Files.exists(file) || Files.isRegularFile(file)) {
      return problem;
    }
    return Optional.of(new Untrusted(file, "is not a regular file", "rm -r " + file));
  }

  /**
   * Like {@link #problem}, for a file that holds a secret: it must be a regular file itself (not a
   * link to one, which another user may have pointed at a file all can read) and readable by its
   * owner alone.
   */
  public static Optional<Untrusted> privateFileProblem(Path file) throws IOException {
    if (!FilePermissions.posix(file)) {
      return Optional.empty();
    }
    PosixFileAttributes attributes;
    try {
      attributes = readAttributes(file);
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
    if (attributes.isSymbolicLink()) {
      return Optional.of(
          new Untrusted(file, "is a symbolic link, not a file of its own", "rm " + file));
    }
    if (!attributes.isRegularFile()) {
      return Optional.of(new Untrusted(file, "is not a regular file", "rm -r " + file));
    }
    Optional<Untrusted> owner = ownerAndWriters(file, attributes);
    if (owner.isPresent()) {
      return owner;
    }
    Set<PosixFilePermission> loose = attributes.permissions();
    loose.retainAll(OTHERS_ANY);
    return loose.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Untrusted(
                file,
                "can be read by group or others (" + mode(attributes) + ")",
                "chmod 600 " + file));
  }

  /**
   * @throws InvalidInputException naming the path and the fix, when {@link #problem} finds one
   */
  public static void require(Path path) throws IOException {
    Optional<Untrusted> problem = problem(path);
    if (problem.isPresent()) {
      throw refused(problem.get());
    }
  }

  /**
   * @throws InvalidInputException naming the file and the fix, when {@link #privateFileProblem}
   *     finds one
   */
  public static void requirePrivateFile(Path file) throws IOException {
    Optional<Untrusted> problem = privateFileProblem(file);
    if (problem.isPresent()) {
      throw refused(problem.get());
    }
  }

  private static InvalidInputException refused(Untrusted u) {
    return new InvalidInputException(u.message());
  }

  private static Optional<Untrusted> ownerAndWriters(Path path, PosixFileAttributes attributes) {
    Optional<UserPrincipal> me = RunningUser.principal();
    if (me.isPresent() && !me.get().equals(attributes.owner())) {
      return Optional.of(
          new Untrusted(
              path,
              "is owned by " + attributes.owner().getName() + ", not by " + me.get().getName(),
              "chown " + me.get().getName() + " " + path + " (if you trust its content)"));
    }
    Set<PosixFilePermission> writers = attributes.permissions();
    writers.retainAll(OTHERS_WRITE);
    if (writers.equals(Set.of(PosixFilePermission.GROUP_WRITE))
        && me.isPresent()
        && groupHoldsOnly(path, me.get())) {
      // Debian and Ubuntu give each user a group of their own and a umask of 002, so a checkout
      // or home is group-writable; that group lets no one else in.
      return Optional.empty();
    }
    if (!writers.isEmpty()) {
      return Optional.of(
          new Untrusted(
              path,
              "can be written by group or others (" + mode(attributes) + ")",
              "chmod go-w " + path + " (if you trust its content)"));
    }
    return Optional.empty();
  }

  private static boolean groupHoldsOnly(Path path, UserPrincipal me) {
    try {
      Object gid = Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
      return gid instanceof Integer number
          && UnixUsers.system().groupHoldsOnly(number, me.getName());
    } catch (IOException | RuntimeException unknown) {
      return false; // without the facts, a writable group counts as others
    }
  }

  private static PosixFileAttributes readAttributes(Path path) throws IOException {
    return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static String mode(PosixFileAttributes attributes) {
    return PosixFilePermissions.toString(attributes.permissions());
  }
}
