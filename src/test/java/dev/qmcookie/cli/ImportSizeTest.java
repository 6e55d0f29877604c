package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.HandClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import of more than 16 MiB is refused as bad input, in one line, and never read whole. */
class ImportSizeTest {
  static final long LIMIT = 16L * 1024 * 1024;

  @TempDir Path tmp;

  /** Bytes without end, like /dev/zero or a pipe from a runaway program; counts what was read. */
  static final class Endless extends InputStream {
    final AtomicLong served = new AtomicLong();
    final long size;

    Endless(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(byte[] b, int off, int len) {
      long left = size - served.get();
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      Arrays.fill(b, off, off + n, (byte) 'a');
      served.addAndGet(n);
      return n;
    }
  }

  CliRunner.Result importFrom(InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            stdin,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.of("QMCOOKIE_HOME", tmp.resolve("home").toString()),
            new HandClock(QqLogin.NOW),
            ZoneOffset.UTC,
            d -> {},
            null);
    return new CliRunner.Result(Main.run(context, args), out.toString(), err.toString());
  }

  static void assertRefusedAsTooLarge(CliRunner.Result result, String names) {
    assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(result.err().lines().toList())
        .as(result.toString())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("qmcookie: " + names)
        .contains("more than 16 MiB");
  }

  @Test
  void standardInputJustOverTheLimitIsRefusedAndNothingIsStored() {
    CliRunner.Result result = importFrom(new Endless(LIMIT + 1), "import");

    assertRefusedAsTooLarge(result, "standard input");
    assertThat(tmp.resolve("home")).doesNotExist();
  }

  @Test
  void endlessStandardInputIsReadNoFurtherThanTheLimit() {
    Endless endless = new Endless(Long.MAX_VALUE);

    CliRunner.Result result = importFrom(endless, "import", "-");

    assertRefusedAsTooLarge(result, "standard input");
    assertThat(endless.served.get()).isLessThan(LIMIT + 64 * 1024);
  }

  @Test
  void devZeroAndALargeFileAreRefused() throws Exception {
    Path sparse = tmp.resolve("big.txt");
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(LIMIT + 1);
    }

    assertRefusedAsTooLarge(
        importFrom(InputStream.nullInputStream(), "import", "-f", "/dev/zero"), "/dev/zero");
    assertRefusedAsTooLarge(
        importFrom(InputStream.nullInputStream(), "import", "--file", sparse.toString()),
        sparse.toString());
  }

  @Test
  void aFifoThatNeverEndsIsRefused() throws Exception {
    Path fifo = tmp.resolve("cookie.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS))
        .isTrue();
    Thread writer =
        new Thread(
            () -> {
              byte[] chunk = new byte[64 * 1024];
              try (OutputStream out = Files.newOutputStream(fifo)) {
                while (true) {
                  out.write(chunk);
                }
              } catch (Exception readerHungUp) {
                // expected once the import stops reading
              }
            });
    writer.setDaemon(true);
    writer.start();

    assertRefusedAsTooLarge(
        importFrom(InputStream.nullInputStream(), "import", "-f", fifo.toString()),
        fifo.toString());
    writer.join(10_000);
    assertThat(writer.isAlive()).as("the writer saw the reader hang up").isFalse();
  }

  @Test
  void aCookieJustUnderTheLimitIsStillRead() {
    String cookie = QqLogin.header(java.time.Duration.ofHours(1));
    String padded = cookie + " ".repeat((int) (LIMIT - cookie.length()));

    CliRunner.Result result =
        importFrom(new java.io.ByteArrayInputStream(padded.getBytes()), "import");

    assertThat(result.code()).as(result.toString()).isZero();
  }
}
