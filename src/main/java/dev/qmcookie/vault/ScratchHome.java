package dev.qmcookie.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A private, throw-away home for commands that exercise qmcookie without the user's accounts. */
public final class ScratchHome implements AutoCloseable {
  private final Path path;

  private ScratchHome(Path path) {
    this.path = path;
  }

  public static ScratchHome create(String prefix) throws IOException {
    Path home = Files.createTempDirectory(prefix);
    FilePermissions.createPrivateDirectory(home);
    return new ScratchHome(home);
  }

  public Path path() {
    return path;
  }

  /** Deletes the home and everything in it. */
  @Override
  public void close() throws IOException {
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
