package dev.qmcookie.browser;

import dev.qmcookie.failure.TransientFailureException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Chrome's own lock on a profile: {@code SingletonLock}, a symlink to {@code <hostname>-<pid>}.
 * Starting a second Chrome on a locked profile makes it hand over to the first and exit, which
 * looks like a crash to Selenium; so the lock is checked before launching, and a stale one left by
 * a crash is removed.
 */
public final class ProfileLock {
  static final String LOCK = "SingletonLock";
  private static final String[] SINGLETON_FILES = {LOCK, "SingletonSocket", "SingletonCookie"};

  private ProfileLock() {}

  /** This machine's name as Chrome writes it into the lock. */
  // Chrome writes gethostname(); /proc has the same name without a DNS lookup.
  public static String thisHost() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        return "localhost";
      }
    }
  }

  /**
   * Who holds the profile, when a live process or another host does; empty when it is free or the
   * lock is stale.
   */
  public static Optional<String> holder(Path profile, String thisHost) throws IOException {
    Path lock = profile.resolve(LOCK);
    if (!Files.isSymbolicLink(lock)) {
      return Optional.empty();
    }
    String target = Files.readSymbolicLink(lock).toString();
    int dash = target.lastIndexOf('-');
    String host = dash < 0 ? "" : target.substring(0, dash);
    long pid = parsePid(dash < 0 ? "" : target.substring(dash + 1));
    if (!host.equals(thisHost)) {
      return Optional.of(
          "host "
              + host
              + " ("
              + lock
              + " -> "
              + target
              + "); if no browser runs there, delete "
              + lock);
    }
    Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
    if (process.isPresent() && process.get().isAlive()) {
      return Optional.of(
          "process " + pid + " (" + process.get().info().command().orElse("unknown program") + ")");
    }
    return Optional.empty();
  }

  /**
   * Makes sure Chrome can start on the profile: removes a stale lock left by a crash.
   *
   * @throws TransientFailureException when a live process or another host holds the profile
   */
  public static void ensureFree(Path profile, String thisHost) throws IOException {
    Optional<String> holder = holder(profile, thisHost);
    if (holder.isPresent()) {
      throw new TransientFailureException(
          "the browser profile "
              + profile
              + " is in use by "
              + holder.get()
              + ": close that browser, or wait for the other qmcookie command to finish",
          0);
    }
    for (String name : SINGLETON_FILES) {
      Path p = profile.resolve(name);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(p);
      }
    }
  }

  private static long parsePid(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
