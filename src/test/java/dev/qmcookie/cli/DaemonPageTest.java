package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    try (ListeningDaemon daemon =
        ListeningDaemon.start(tmp, "--public-url", "https://music.example.org")) {
      assertThat(daemon.log().toString()).contains("page=https://music.example.org/ui/");
      String answer = get(daemon.port(), "/ui/api/accounts");
      assertThat(answer)
          .startsWith("HTTP/1.1 401")
          .contains("X-frame-options: DENY")
          .endsWith("{\"error\":\"sign in\"}");
      String token = Files.readString(tmp.resolve("home").resolve("api-token")).strip();
      assertThat(daemon.log().toString()).doesNotContain(token);
    }
  }

  @Test
  void theConfigKeyPublicUrlNamesThePageAsTheFlagDoes() throws Exception {
    Path home = tmp.resolve("home");
    Files.createDirectories(home);
    Files.writeString(
        home.resolve("config.json"),
        "{\"daemon\": {\"public-url\": \"https://music.example.org\"}}");
    try (ListeningDaemon daemon = ListeningDaemon.start(tmp)) {
      assertThat(daemon.log().toString()).contains("page=https://music.example.org/ui/");
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
