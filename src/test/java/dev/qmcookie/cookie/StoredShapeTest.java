package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The renewal shape kept with an account, and the shapes an attempt sent, in their codecs. */
class StoredShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant SINCE = SampleCookies.NOW.minus(Duration.ofDays(2));

  @Test
  void theShapeThatWorkedRoundTripsThroughTheStoredDocument() throws Exception {
    CookieRecord record =
        new CookieRecord(
            SampleCookies.qqLogin(), SampleCookies.fullMetadata().withShapeThatWorked("b", SINCE));

    String stored = CookieFormats.storeDocument(record);

    JsonNode meta = JSON.readTree(stored).get("metadata");
    assertThat(meta.get("shape").asText()).isEqualTo("b");
    assertThat(meta.get("shapeSince").asText()).isEqualTo(SINCE.toString());
    assertThat(CookieFormats.readStoreDocument(stored).metadata().shape()).isEqualTo("b");
    assertThat(CookieFormats.readStoreDocument(stored).metadata().shapeSince()).isEqualTo(SINCE);
  }

  @Test
  void aDocumentWrittenBeforeShapesLoadsWithTheShapeUnknown() {
    String old =
        "{\"format\":\"qmcookie\",\"version\":1,\"metadata\":{\"refreshKey\":null,"
            + "\"source\":\"import:header\"},"
            + "\"cookies\":[{\"name\":\"uin\",\"value\":\"1\",\"domain\":\".qq.com\"}]}";

    CookieMetadata m = CookieFormats.read(old).record().metadata();

    assertThat(m.shape()).isNull();
    assertThat(m.shapeSince()).isNull();
    assertThat(m.source()).isEqualTo("import:header");
  }

  @Test
  void aShapeThisVersionDoesNotKnowIsForgottenRatherThanLockingTheCookieAway() {
    String edited =
        "{\"format\":\"qmcookie\",\"version\":1,\"metadata\":{\"shape\":\"\\u001b[2Jz\"},"
            + "\"cookies\":[{\"name\":\"uin\",\"value\":\"1\",\"domain\":\".qq.com\"}]}";

    assertThat(CookieFormats.read(edited).record().metadata().shape()).isNull();
  }

  @Test
  void theTimeAShapeFirstWorkedIsKeptWhileItKeepsWorking() {
    CookieMetadata b = CookieMetadata.NONE.withShapeThatWorked("b", SINCE);

    assertThat(b.withShapeThatWorked("b", SampleCookies.NOW).shapeSince()).isEqualTo(SINCE);
    assertThat(b.withShapeThatWorked("a", SampleCookies.NOW).shapeSince())
        .isEqualTo(SampleCookies.NOW);
    assertThat(b.withRenewedAt(SampleCookies.NOW).withRefreshKey("k").shape()).isEqualTo("b");
  }

  @Test
  void anAttemptRecordsTheShapeOfEveryRequestItSent() {
    RenewalAttempt attempt =
        new RenewalAttempt(
            SampleCookies.NOW,
            RenewalAttempt.RENEWED,
            0,
            40,
            2,
            "http",
            "renewed",
            null,
            List.of("a", "b"));

    JsonNode node = attempt.writeTo(JsonTrees.object());

    assertThat(node.get("shapes").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(RenewalAttempt.readFrom(node)).isEqualTo(attempt);
  }

  @Test
  void anAttemptWithoutShapesWritesNoneAndOldLinesReadAsNone() throws Exception {
    RenewalAttempt browser =
        new RenewalAttempt(SampleCookies.NOW, RenewalAttempt.RENEWED, 0, 40, 1, "browser", "ok");

    assertThat(browser.writeTo(JsonTrees.object()).has("shapes")).isFalse();
    assertThat(
            RenewalAttempt.readFrom(
                    JSON.readTree(
                        "{\"time\":\"2026-11-24T12:00:00Z\",\"outcome\":\"renewed\",\"code\":0}"))
                .shapes())
        .isEmpty();
  }
}
