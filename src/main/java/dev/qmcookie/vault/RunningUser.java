package dev.qmcookie.vault;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;

/**
 * The user this process runs as, found through public file APIs only: on Linux {@code /proc/self}
 * belongs to the process's user; elsewhere the user named by {@code user.name} is looked up.
 */
public final class RunningUser {
  private static final Path PROC_SELF = Path.of("/proc/self");

  private RunningUser() {}

  // The user of a process never changes, so it is looked up once.
  private static final class Holder {
    static final Optional<UserPrincipal> PRINCIPAL = lookUp();
  }

  /** The running user, or empty where neither way works (then nothing can be compared to it). */
  public static Optional<UserPrincipal> principal() {
    return Holder.PRINCIPAL;
  }

  /** Whether the process runs as root (uid 0). */
  public static boolean isRoot() {
    try {
      // "unix:uid" is served by the JDK's public attribute API on Linux and the BSDs.
      return Integer.valueOf(0).equals(Files.getAttribute(PROC_SELF, "unix:uid"));
    } catch (IOException | RuntimeException notThere) {
      return principal().map(p -> p.getName().equals("root")).orElse(false);
    }
  }

  private static Optional<UserPrincipal> lookUp() {
    try {
      return Optional.of(Files.getOwner(PROC_SELF));
    } catch (IOException | RuntimeException noProc) {
      try {
        return Optional.of(
            FileSystems.getDefault()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name")));
      } catch (IOException | RuntimeException unknown) {
        return Optional.empty();
      }
    }
  }
}
