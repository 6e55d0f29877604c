package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's --listen endpoint as a real process: how it fails to start. */
class DaemonListenTest {
  @TempDir Path tmp;

  @Test
  void aPortInUseIsAMachineProblemNamedWithHostPortAndWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String where = "127.0.0.1:" + taken.getLocalPort();
      Process daemon = MainProcessTest.command(
              "daemon", "--home", tmp.resolve("home").toString(), "--listen", where)
          .start();
      assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String out = new String(daemon.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(daemon.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(daemon.exitValue()).as(out + err).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(err.lines().toList())
          .as(err)
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .startsWith("qmcookie: cannot listen on " + where)
          .contains("in use")
          .contains("choose another --listen port")
          .doesNotContain("file error");
    }
  }
}
