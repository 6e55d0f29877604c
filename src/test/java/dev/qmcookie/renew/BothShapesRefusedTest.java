package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.testkit.RenewalAnswers;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The advice after a refused request shape names only what is left to do. */
class BothShapesRefusedTest {
  @RegisterExtension final LocalEndpoint endpoint = new LocalEndpoint();
  final MockWebServer server = endpoint.server;

  @Test
  void afterAutoSentBothShapesTheAdviceIsToReportItNotToTryTheOtherShape() {
    server.enqueue(RenewalAnswers.code(0, 20261));
    server.enqueue(RenewalAnswers.code(0, 2000));

    RenewalResult result =
        endpoint.renewer(ShapeChoice.AUTO).renew(ShapeRenewalTest.qqRecord(CookieMetadata.NONE));

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
        endpoint.renewer(ShapeChoice.A).renew(ShapeRenewalTest.qqRecord(CookieMetadata.NONE));

    assertThat(result.failure().getMessage())
        .endsWith("try the other shape with --shape, and report it");
  }
}
