package dev.qmcookie.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.qrlogin.QrImage;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.vault.Vault;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the page's router answers what the daemon's QR logins say about a start. */
class UiServerQrLoginsTest {
  @TempDir Path home;
  final HandClock clock = new HandClock(Instant.parse("2026-11-29T02:00:00Z"));
  final Sessions sessions = new Sessions(new SecureRandom(), clock);
  HttpServer server;

  /** QR logins that are all busy: the running limit is reached. */
  static final class Busy implements QrLogins {
    @Override
    public String start(String account, boolean weChat) {
      throw new TransientFailureException(
          "2 QR logins are running already; try again once one has ended", 0);
    }

    @Override
    public Optional<QrLoginView> view(String flowId) {
      return Optional.empty();
    }

    @Override
    public Optional<QrImage> image(String flowId) {
      return Optional.empty();
    }
  }

  @BeforeEach
  void start() throws Exception {
    UiServer page =
        new UiServer(
            "the-api-token",
            new AccountsJson(
                new Vault(home, Duration.ofSeconds(5)), RenewalSchedule.defaults(), clock),
            (action, account) -> {},
            new Busy(),
            sessions,
            new SignInLimiter(clock),
            new PageFiles(PageFiles.IN_JAR),
            null);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", page);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aStartBeyondTheRunningLimitIsA503SayingSo() throws Exception {
    Sessions.Session session = sessions.open();
    String origin = "http://127.0.0.1:" + server.getAddress().getPort();

    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(origin + "/ui/api/accounts/music/login"))
                    .header("Cookie", UiServer.COOKIE + "=" + session.id())
                    .header("X-CSRF-Token", session.csrf())
                    .header("Origin", origin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"qq\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.body()).contains("running already");
  }
}
