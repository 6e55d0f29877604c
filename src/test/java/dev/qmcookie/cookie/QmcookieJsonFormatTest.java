package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.failure.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QmcookieJsonFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void roundTripKeepsEveryAttributeAndAllMetadata() {
    CookieRecord record = SampleCookies.fullRecord();

    ParsedCookies parsed = CookieFormats.read(CookieFormats.write(CookieFormat.JSON, record, null));

    assertThat(parsed.format()).isEqualTo(CookieFormat.JSON);
    assertThat(parsed.record().cookies().asList())
        .containsExactlyElementsOf(record.cookies().asList());
    assertThat(parsed.record().metadata()).isEqualTo(record.metadata());
    assertThat(parsed.record()).isEqualTo(record);
  }

  @Test
  void storeDocumentRoundTripsThroughReadStoreDocument() {
    CookieRecord record = SampleCookies.fullRecord();

    assertThat(CookieFormats.readStoreDocument(CookieFormats.storeDocument(record)))
        .isEqualTo(record);
  }

  @Test
  void emptyMetadataRoundTripsAsNone() {
    CookieRecord record = new CookieRecord(SampleCookies.qqLogin(), CookieMetadata.NONE);

    CookieRecord back =
        CookieFormats.read(CookieFormats.write(CookieFormat.JSON, record, null)).record();

    assertThat(back.metadata()).isEqualTo(CookieMetadata.NONE);
    assertThat(back).isEqualTo(record);
  }

  @Test
  void documentCarriesFormatVersionAndMetadataFields() throws Exception {
    CookieRecord record = SampleCookies.fullRecord();
    CookieMetadata m = record.metadata();

    JsonNode root = JSON.readTree(CookieFormats.write(CookieFormat.JSON, record, null));

    assertThat(root.get("format").asText()).isEqualTo("qmcookie");
    assertThat(root.get("version").asInt()).isEqualTo(1);
    JsonNode meta = root.get("metadata");
    assertThat(meta.get("keyExpiresIn").isIntegralNumber()).isTrue();
    assertThat(meta.get("keyExpiresIn").asLong()).isEqualTo(m.keyExpiresIn());
    assertThat(meta.get("refreshKey").asText()).isEqualTo(m.refreshKey());
    assertThat(meta.get("userAgent").asText()).isEqualTo(m.userAgent());
    assertThat(meta.get("importedAt").asText()).isEqualTo(m.importedAt().toString());
    assertThat(meta.get("renewedAt").asText()).isEqualTo(m.renewedAt().toString());
    assertThat(meta.get("source").asText()).isEqualTo(m.source());
    assertThat(root.has("lastRenewal")).isFalse();
    assertThat(root.get("cookies").size()).isEqualTo(record.cookies().size());
  }

  @Test
  void lastRenewalIsWrittenForTheExportButIgnoredOnRead() throws Exception {
    CookieRecord record = SampleCookies.fullRecord();
    RenewalAttempt last =
        new RenewalAttempt(
            SampleCookies.NOW.minus(Duration.ofMinutes(5)),
            "transient",
            104604,
            1234,
            3,
            "http",
            "too frequent");

    String text = CookieFormats.write(CookieFormat.JSON, record, last);
    JsonNode lr = JSON.readTree(text).get("lastRenewal");

    assertThat(lr.get("at").asText()).isEqualTo(last.at().toString());
    assertThat(lr.get("outcome").asText()).isEqualTo(last.outcome());
    assertThat(lr.get("code").asInt()).isEqualTo(last.code());
    assertThat(lr.get("durationMs").asLong()).isEqualTo(last.durationMillis());
    assertThat(lr.get("tries").asInt()).isEqualTo(last.tries());
    assertThat(lr.get("via").asText()).isEqualTo(last.via());
    assertThat(lr.get("message").asText()).isEqualTo(last.message());
    assertThat(CookieFormats.read(text).record()).isEqualTo(record);
  }

  @Test
  void aNewerVersionIsRefusedWithAnUpgradeHint() {
    String text =
        "{\"format\":\"qmcookie\",\"version\":2,\"cookies\":[{\"name\":\"a\",\"value\":\"1\",\"domain\":\".qq.com\"}]}";

    assertThatThrownBy(() -> CookieFormats.read(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("version 2")
        .hasMessageContaining("upgrade");
  }

  @Test
  void aMissingVersionIsRefused() {
    String text =
        "{\"format\":\"qmcookie\",\"cookies\":[{\"name\":\"a\",\"value\":\"1\",\"domain\":\".qq.com\"}]}";

    assertThatThrownBy(() -> CookieFormats.read(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("version");
  }

  @Test
  void malformedMetadataIsReportedFieldByField() {
    String text =
        "{\"format\":\"qmcookie\",\"version\":1,"
            + "\"metadata\":{\"keyExpiresIn\":1.5,\"importedAt\":\"yesterday\",\"renewedAt\":\"2026-13-01\"},"
            + "\"cookies\":[{\"name\":\"a\",\"value\":\"1\",\"domain\":\".qq.com\"}]}";

    assertThatThrownBy(() -> CookieFormats.read(text))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anySatisfy(p -> assertThat(p).contains("keyExpiresIn"))
                    .anySatisfy(p -> assertThat(p).contains("importedAt"))
                    .anySatisfy(p -> assertThat(p).contains("renewedAt")));
  }

  @Test
  void aDocumentWithoutCookiesArrayIsRefused() {
    assertThatThrownBy(
            () -> CookieFormats.readStoreDocument("{\"format\":\"qmcookie\",\"version\":1}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cookies");
  }

  @Test
  void readStoreDocumentRefusesOtherFormats() {
    String playwright =
        CookieFormats.write(CookieFormat.PLAYWRIGHT, SampleCookies.fullRecord(), null);

    assertThatThrownBy(() -> CookieFormats.readStoreDocument(playwright))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a qmcookie document");
  }
}
