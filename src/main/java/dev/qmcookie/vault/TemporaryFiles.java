package dev.qmcookie.vault;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The temporary files a killed run leaves in an account folder. Every writer there holds the
 * account lock, so whoever holds it next knows that no temporary file is in use and removes them;
 * they may hold a cookie, and a disk that fills up with them stops renewal.
 */
final class TemporaryFiles {
  private TemporaryFiles() {}

  /**
   * Removes {@code .NAME.*.tmp} in {@code dir} for each of the account's own file names, as {@link
   * AtomicFile} and {@link PendingSave} name them.
   */
  static void removeLeftovers(Path dir, List<String> names) throws IOException {
    try (DirectoryStream<Path> candidates = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path candidate : candidates) {
        String file = candidate.getFileName().toString();
        boolean ours = names.stream().anyMatch(name -> file.startsWith("." + name + "."));
        // Files.delete removes a link, never what it points to; a folder is none of ours.
        if (ours && !Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(candidate);
        }
      }
    }
  }
}
