package dev.qmcookie.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Looks up programs by name in a list of folders, as a shell does with PATH, but only in absolute
 * folders: an empty, "." or other relative entry means the current folder, and a program planted
 * there (in /tmp, say) would be started, often as root.
 */
final class ExecutableSearch {
  private ExecutableSearch() {}

  static Optional<Path> find(List<String> names, List<Path> folders) {
    for (String name : names) {
      for (Path folder : folders) {
        if (!folder.isAbsolute()) {
          continue;
        }
        Path candidate = folder.resolve(name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
