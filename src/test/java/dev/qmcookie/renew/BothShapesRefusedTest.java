package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.RenewalAnswers;
import java.net.InetAddress;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The advice after a refused request shape names only what is left to do. */
class BothShapesRefusedTest {
  MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void afterAutoSentBothShapesTheAdviceIsToReportItNotToTryTheOtherShape() {
    server.enqueue(RenewalAnswers.code(0, 20261));
    server.enqueue(RenewalAnswers.code(0, 2000));

    RenewalResult result =
        renewer(ShapeChoice.AUTO).renew(ShapeRenewalTest.qqRecord(CookieMetadata.NONE));

    assertThat(result.shapes()).containsExactly(RenewalShape.A, RenewalShape.B);
    assertThat(result.failure().getMessage())
        .contains("code 20261")
        .endsWith("both request shapes were refused, so report it")
        .doesNotContain("--shape");
  }

  @Test
  void aForcedShapeStillPointsToTheOther() {
    server.enqueue(RenewalAnswers.code(0, 20261));

    RenewalResult result =
        renewer(ShapeChoice.A).renew(ShapeRenewalTest.qqRecord(CookieMetadata.NONE));

    assertThat(result.failure().getMessage())
        .endsWith("try the other shape with --shape, and report it");
  }

  Renewer renewer(ShapeChoice choice) {
    return new Renewer(
        new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build(),
        server.url("/cgi-bin/musicu.fcg"),
        Backoff.RENEWAL,
        d -> {},
        new HandClock(ShapeRenewalTest.NOW),
        choice);
  }
}
