package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.selftest.SimulatedQrLogin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C during {@code login --qr}, in a real process: the home is left as it was. */
class QrLoginInterruptTest {
  @TempDir Path tmp;

  @Test
  void sigintWhileWaitingForTheScanLeavesNothingBehind() throws Exception {
    Path home = tmp.resolve("home");
    Files.createDirectories(home);
    Path output = tmp.resolve("login.log");
    try (SimulatedQrLogin site = new SimulatedQrLogin()) {
      site.qqStates("66");
      ProcessBuilder pb =
          MainProcessTest.command(
              "login",
              "--qr",
              "--home",
              home.toString(),
              "--account",
              "fresh",
              "--no-check",
              "--route",
              "*.qq.com=http://127.0.0.1:" + site.port());
      Process login = pb.redirectErrorStream(true).redirectOutput(output.toFile()).start();
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.readString(output).contains("waiting for the QR code to be scanned")) {
          assertThat(login.isAlive()).as(Files.readString(output)).isTrue();
          assertThat(System.nanoTime()).as(Files.readString(output)).isLessThan(deadline);
          Thread.sleep(50);
        }
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(login.pid())).start();
        assertThat(kill.waitFor()).isZero();
        assertThat(login.waitFor(30, TimeUnit.SECONDS)).as("login --qr stopped").isTrue();
      } finally {
        login.destroyForcibly();
      }
    }

    assertThat(home.resolve("fresh")).doesNotExist();
    try (Stream<Path> left = Files.list(home)) {
      assertThat(left).isEmpty();
    }
  }
}
