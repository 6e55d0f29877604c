package dev.qmcookie.account;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import okio.BufferedSource;
import okio.Okio;

/**
 * Reads a cookie to import, refusing more than {@link #LIMIT_BYTES}. A cookie file is kilobytes;
 * {@code -f /dev/zero}, a FIFO or a pipe that never ends would otherwise fill the memory.
 */
public final class BoundedInput {
  /** The largest input read: 16 MiB, far more than any browser export of one login. */
  public static final long LIMIT_BYTES = 16L * 1024 * 1024;

  private BoundedInput() {}

  /**
   * The whole of {@code in} as UTF-8 text, read in small segments, never past one byte over the
   * limit.
   *
   * @param what names the input in the message, like {@code "standard input"} or the file name
   * @throws InvalidInputException when there is more than {@link #LIMIT_BYTES}
   */
  public static String read(InputStream in, String what) throws IOException {
    BufferedSource source = Okio.buffer(Okio.source(in));
    if (source.request(LIMIT_BYTES + 1)) {
      throw new InvalidInputException(
          what
              + " holds more than "
              + LIMIT_BYTES / (1024 * 1024)
              + " MiB, far more than a cookie;"
              + " import the exported cookie file itself, or paste the cookie");
    }
    return new String(source.readByteArray(), StandardCharsets.UTF_8);
  }

  /**
   * The whole of the file {@code file} as UTF-8 text; see {@link #read}.
   *
   * @throws InvalidInputException when there is no such file, or it is too large
   */
  public static String readFile(String file) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return read(in, file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("no such file: " + file);
    }
  }
}
