package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The page on a real daemon: served with --listen, linked by --public-url. */
class DaemonPageTest {
  @TempDir Path tmp;

  @Test
  void aPublicUrlThatIsNotHttpIsBadInput() {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    for (String url :
        new String[] {
          "ftp://music.example.org",
          "music.example.org",
          "https://u:p@x.example/",
          "https://music.example.org/ui/",
          "https://music.example.org/qm"
        }) {
      CliRunner.Result r = cli.run("daemon", "--listen", "0", "--public-url", url);
      assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.INVALID_INPUT);
      assertThat(r.err()).contains("--public-url");
    }
  }

  @Test
  void theDaemonServesThePageBesideTheEndpointAndNamesItsPublicAddress() throws Exception {
    Path log = tmp.resolve("daemon.log");
    Process daemon =
        MainProcessTest.command(
                "daemon",
                "--home",
                tmp.resolve("home").toString(),
                "--listen",
                "127.0.0.1:0",
                "--public-url",
                "https://music.example.org")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    DaemonProcessTest.DaemonLog text = new DaemonProcessTest.DaemonLog(log);
    try {
      DaemonProcessTest.await(() -> text.toString().contains(" listening "), text);
      Matcher m =
          Pattern.compile(" listening address=127\\.0\\.0\\.1:(\\d+) ").matcher(text.toString());
      assertThat(m.find()).as(text.toString()).isTrue();
      assertThat(text.toString()).contains("page=https://music.example.org/ui/");
      String answer = get(Integer.parseInt(m.group(1)), "/ui/api/accounts");
      assertThat(answer)
          .startsWith("HTTP/1.1 401")
          .contains("X-frame-options: DENY")
          .endsWith("{\"error\":\"sign in\"}");
      String token = Files.readString(tmp.resolve("home").resolve("api-token")).strip();
      assertThat(Files.readString(log)).doesNotContain(token);
    } finally {
      daemon.destroy();
      daemon.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String get(int port, String path) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.getOutputStream()
          .write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(5000);
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
