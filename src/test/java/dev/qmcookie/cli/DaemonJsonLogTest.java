package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --log-format json}, every line the daemon writes is a JSON event, whatever clients
 * send to {@code --listen}: the JDK's own HTTP server must not add lines of its own.
 */
class DaemonJsonLogTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void oddRequestsWithoutATokenAddNothingButJsonLines() throws Exception {
    Path log = tmp.resolve("daemon.log");
    // stdout and stderr together, as systemd's journal or `2>&1 | collector` sees them
    Process daemon =
        MainProcessTest.command(
                "daemon",
                "--home",
                tmp.resolve("home").toString(),
                "--listen",
                "127.0.0.1:0",
                "--log-format",
                "json")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    DaemonProcessTest.DaemonLog text = new DaemonProcessTest.DaemonLog(log);
    try {
      DaemonProcessTest.await(() -> text.toString().contains("\"event\":\"listening\""), text);
      Matcher m =
          Pattern.compile("\"address\":\"127\\.0\\.0\\.1:(\\d+)\"").matcher(text.toString());
      assertThat(m.find()).as(text.toString()).isTrue();
      int port = Integer.parseInt(m.group(1));

      for (String request :
          new String[] {
            "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
            "HEAD /v1/accounts HTTP/1.1\r\nHost: x\r\n\r\n",
            "HEAD /v1/accounts/default/cookie HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
            "GET /nowhere HTTP/1.0\r\n\r\n",
            "NONSENSE\r\n\r\n",
            "GET /healthz HTTP/1.1\r\nBad Header: x\r\n\r\n"
          }) {
        exchange(port, request);
      }
      Thread.sleep(500); // anything the server logs comes within this
    } finally {
      daemon.destroy();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }

    String lines = Files.readString(log);
    assertThat(lines).contains("\"event\":\"stopped\"");
    for (String line : lines.lines().toList()) {
      JsonNode event;
      try {
        event = JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not a JSON line: " + line + "\n--- whole log:\n" + lines);
      }
      assertThat(event.path("event").asText()).as(line).isNotEmpty();
    }
  }

  private static void exchange(int port, String request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.shutdownOutput();
      s.getInputStream().readAllBytes();
    } catch (java.net.SocketException reset) {
      // a refused request may end in a reset; only the log matters here
    }
  }
}
