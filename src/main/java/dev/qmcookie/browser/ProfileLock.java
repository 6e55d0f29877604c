package dev.qmcookie.browser;

import dev.qmcookie.failure.TransientFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Chrome's own lock on a profile: {@code SingletonLock}, a symlink to {@code <hostname>-<pid>}.
 * Starting a second Chrome on a locked profile makes it hand over to the first and exit, which looks
 * like a crash to Selenium; so the lock is checked before launching, and a stale one left by a
 * crash is removed.
 */
public final class ProfileLock {
  static final String LOCK = "SingletonLock";
  private static final String[] SINGLETON_FILES = {LOCK, "SingletonSocket", "SingletonCookie"};

  private ProfileLock() {}

  /**
   * @throws TransientFailureException when a live process holds the profile
   */
  public static void ensureFree(Path profile, String thisHost) throws IOException {
    Path lock = profile.resolve(LOCK);
    if (!Files.isSymbolicLink(lock)) {
      return;
    }
    String target = Files.readSymbolicLink(lock).toString();
    int dash = target.lastIndexOf('-');
    String host = dash < 0 ? "" : target.substring(0, dash);
    long pid = parsePid(dash < 0 ? "" : target.substring(dash + 1));
    if (!host.equals(thisHost)) {
      throw new TransientFailureException(
          "the browser profile " + profile + " is locked by host " + host + " (" + lock + " -> " + target
              + "). If no browser runs there, delete " + lock, 0);
    }
    Optional<ProcessHandle> holder = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
    if (holder.isPresent() && holder.get().isAlive()) {
      String command = holder.get().info().command().orElse("unknown program");
      throw new TransientFailureException(
          "the browser profile " + profile + " is in use by process " + pid + " (" + command
              + "): close that browser, or wait for the other qmcookie command to finish", 0);
    }
    // The holder is gone: a crash left the lock behind, and it would block every launch.
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
