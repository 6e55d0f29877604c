package dev.qmcookie.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser or driver executable and the version it reports.
 *
 * @param source how it was found, for messages: "--browser", "PATH", "drivers/" and so on
 */
public record InstalledProgram(Path path, String version, String source) {
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.\\d+\\.\\d+(?:\\.\\d+)?");
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(15);

  /** The major version, such as 156, when the version text has one. */
  public OptionalInt major() {
    Matcher m = VERSION.matcher(version);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** Just the dotted version number, such as {@code 156.0.8078.79}, or "" when there is none. */
  public String number() {
    Matcher m = VERSION.matcher(version);
    return m.find() ? m.group() : "";
  }

  /**
   * Runs {@code path --version}; a program that does not answer in time is killed.
   *
   * @throws IOException when it cannot be run or says nothing useful
   */
  static InstalledProgram probe(Path path, String source) throws IOException {
    // Only stdout: Debian's chromium wrapper prints shell warnings on stderr before the version.
    Process p =
        new ProcessBuilder(path.toString(), "--version")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      p.getOutputStream().close();
      if (!p.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(
            path + " --version did not answer within " + VERSION_TIMEOUT.toSeconds() + "s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String line =
          out.lines().filter(l -> VERSION.matcher(l).find()).findFirst().orElse("").strip();
      if (p.exitValue() != 0 || line.isEmpty()) {
        throw new IOException(path + " --version gave no version (exit " + p.exitValue() + ")");
      }
      return new InstalledProgram(path, line, source);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + path + " for its version", e);
    }
  }

  @Override
  public String toString() {
    return version + " (" + path + ", from " + source + ")";
  }
}
