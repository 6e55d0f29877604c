package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.schedule.HttpServerLimits;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
      Process daemon =
          MainProcessTest.command(
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

  /**
   * Starts a daemon with {@code --listen 127.0.0.1:0}, hands its port to {@code test}, stops it.
   */
  void withDaemon(PortTest test) throws Exception {
    try (ListeningDaemon daemon = ListeningDaemon.start(tmp)) {
      test.run(daemon.port());
    }
  }

  interface PortTest {
    void run(int port) throws Exception;
  }

  static String healthz(int port) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.getOutputStream()
          .write("GET /healthz HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(5000);
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAtOnceSoDescriptorsLastAndTheyAreFreedAgain()
      throws Exception {
    withDaemon(
        port -> {
          List<Socket> held = new ArrayList<>();
          try {
            for (int i = 0; i < HttpServerLimits.MAX_CONNECTIONS; i++) {
              held.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }
            try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), port)) {
              extra.setSoTimeout(3000);
              try {
                assertThat(extra.getInputStream().read()).isEqualTo(-1);
              } catch (java.net.SocketTimeoutException stillOpen) {
                throw new AssertionError(
                    "a connection beyond " + HttpServerLimits.MAX_CONNECTIONS + " was kept");
              } catch (java.net.SocketException reset) {
                // closed all the same
              }
            }
          } finally {
            for (Socket s : held) {
              s.close();
            }
          }
          DaemonProcessTest.await(
              () -> {
                try {
                  return healthz(port).startsWith("HTTP/1.1 200");
                } catch (Exception notYet) {
                  return false;
                }
              },
              "healthz after the connections were closed");
        });
  }

  @Test
  void aRequestHeadOverTheLimitIsRefusedAndTheEndpointServesOn() throws Exception {
    withDaemon(
        port -> {
          String padding = "a".repeat(HttpServerLimits.MAX_REQUEST_HEAD_BYTES);
          String answer;
          try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            String request =
                "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Pad: "
                    + padding
                    + "\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          } catch (java.net.SocketException reset) {
            answer = "";
          }
          assertThat(answer).doesNotStartWith("HTTP/1.1 200");
          assertThat(healthz(port)).startsWith("HTTP/1.1 200");
        });
  }

  @Test
  void aClientThatSendsNothingIsDisconnectedWithinTheIdleLimitAndHealthzStillAnswers()
      throws Exception {
    withDaemon(
        port -> {
          List<Socket> silent = new ArrayList<>();
          try {
            for (int i = 0; i < 50; i++) {
              silent.add(new Socket(InetAddress.getLoopbackAddress(), port));
            }
            assertThat(healthz(port)).startsWith("HTTP/1.1 200");

            Socket first = silent.get(0);
            long opened = System.nanoTime();
            first.setSoTimeout((int) HttpServerLimits.IDLE_LIMIT.plusSeconds(5).toMillis());
            try {
              assertThat(first.getInputStream().read()).isEqualTo(-1);
            } catch (java.net.SocketTimeoutException stillOpen) {
              throw new AssertionError("a silent connection was kept open for 15 s");
            } catch (java.net.SocketException reset) {
              // closed all the same
            }
            assertThat(Duration.ofNanos(System.nanoTime() - opened))
                .isLessThan(HttpServerLimits.IDLE_LIMIT.plusSeconds(2));
          } finally {
            for (Socket s : silent) {
              s.close();
            }
          }
        });
  }
}
