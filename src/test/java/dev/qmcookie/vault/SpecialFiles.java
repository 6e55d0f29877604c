package dev.qmcookie.vault;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Plants the files an attacker would: FIFOs and device nodes, made with the system's own tools. */
public final class SpecialFiles {
  private SpecialFiles() {}

  /** A FIFO at {@code path}; skips the test where {@code mkfifo} is missing. */
  public static Path fifo(Path path) throws Exception {
    return make(path, "mkfifo", path.toString());
  }

  /** A character device like /dev/null at {@code path}; skips the test unless root may make one. */
  public static Path nullDevice(Path path) throws Exception {
    return make(path, "mknod", path.toString(), "c", "1", "3");
  }

  private static Path make(Path path, String... command) throws Exception {
    int code;
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      Assumptions.assumeTrue(p.waitFor(10, TimeUnit.SECONDS), command[0] + " did not finish");
      code = p.exitValue();
    } catch (java.io.IOException e) {
      Assumptions.abort(command[0] + " is not available here: " + e.getMessage());
      return path;
    }
    Assumptions.assumeTrue(
        code == 0, command[0] + " failed here (exit " + code + "), e.g. not root");
    Assumptions.assumeTrue(
        Files.exists(path, LinkOption.NOFOLLOW_LINKS), command[0] + " made nothing");
    return path;
  }
}
