package dev.qmcookie.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted on a test's folder, to fill up for real. Mounting needs root (or a mount
 * namespace); where it is not allowed the test is skipped, saying why, and the injected failures of
 * {@link UnsavedRenewalTest} still cover the same code.
 */
final class SmallDisk implements AutoCloseable {
  private final Path mountPoint;

  private SmallDisk(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  static SmallDisk mount(Path mountPoint, String size) throws Exception {
    Files.createDirectories(mountPoint);
    String output =
        run(
            "mount",
            "-t",
            "tmpfs",
            "-o",
            "size=" + size + ",mode=0700",
            "tmpfs",
            mountPoint.toString());
    Assumptions.assumeTrue(
        output == null, "cannot mount a small tmpfs here (needs root): " + output);
    return new SmallDisk(mountPoint);
  }

  Path root() {
    return mountPoint;
  }

  /** Writes a file until the disk is full, so that the next page anyone asks for is refused. */
  void fill() throws IOException {
    byte[] chunk = new byte[1024];
    try (OutputStream out = Files.newOutputStream(mountPoint.resolve("filler"))) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException full) {
      if (full.getMessage() == null || !full.getMessage().contains("No space left")) {
        throw full;
      }
    }
  }

  @Override
  public void close() throws Exception {
    run("umount", mountPoint.toString());
  }

  /** Null when the command worked, else what it said. */
  private static String run(String... command) throws Exception {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return command[0] + " did not finish";
      }
      String said = new String(p.getInputStream().readAllBytes()).trim();
      return p.exitValue() == 0 ? null : command[0] + " exit " + p.exitValue() + ": " + said;
    } catch (IOException e) {
      return command[0] + ": " + e.getMessage();
    }
  }
}
