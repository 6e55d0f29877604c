package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CookieFormatsTest {
  static final String HEADER =
      "pgv_pvid=8403187130; pgv_info=ssid=s1234567; wxopenid=; uin=123456789;"
          + " qqmusic_key=Q_H_L_63k3Nabc==; qm_keyst=Q_H_L_63k3Nabc==; tmeLoginType=2";

  static CookieSet cookies(String text) {
    return CookieFormats.read(text).record().cookies();
  }

  @Test
  void aHeaderKeepsEqualsSignsEmptyValuesAndOrder() {
    ParsedCookies parsed = CookieFormats.read(HEADER);

    assertThat(parsed.format()).isEqualTo(CookieFormat.HEADER);
    CookieSet c = parsed.record().cookies();
    assertThat(c.valueOrEmpty("pgv_info")).isEqualTo("ssid=s1234567");
    assertThat(c.valueOrEmpty("qqmusic_key")).isEqualTo("Q_H_L_63k3Nabc==");
    assertThat(c.value("wxopenid")).hasValue("");
    assertThat(c.asList()).allSatisfy(k -> {
      assertThat(k.domain()).isEqualTo(".qq.com");
      assertThat(k.path()).isEqualTo("/");
      assertThat(k.isSession()).isTrue();
    });
    assertThat(CookieFormats.header(c)).isEqualTo(HEADER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r\n", "\n", ";\r\n", "; \n  "})
  void aWrappedOrCrlfHeaderReadsTheSame(String breakBetweenPairs) {
    String wrapped = "Cookie: " + HEADER.replace("; ", breakBetweenPairs) + ";\r\n";

    assertThat(CookieFormats.header(cookies(wrapped))).isEqualTo(HEADER);
  }

  @Test
  void aMalformedHeaderNamesEveryBadPiece() {
    assertThatThrownBy(() -> CookieFormats.read("uin=1; justtext; bad name=2; ok=3"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("\"justtext\" is not a name=value pair")
        .hasMessageContaining("\"bad name\" is not a valid cookie name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   \n", "\uFEFF"})
  void emptyInputIsInvalid(String text) {
    assertThatThrownBy(() -> CookieFormats.read(text)).isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
  }

  @Test
  void netscapeReadsHttpOnlyLinesFlagsCommentsAndCrlf() {
    String text =
        "# Netscape HTTP Cookie File\r\n"
            + "# a comment\r\n"
            + "\r\n"
            + "#HttpOnly_.qq.com\tTRUE\t/\tTRUE\t1800000000\tqqmusic_key\tQ_H_L_x=y\r\n"
            + "y.qq.com\tFALSE\t/\tFALSE\t0\tts_last\ty.qq.com/\r\n"
            + ".qq.com\tTRUE\t/\tFALSE\t1800000000\twxopenid\t\r\n";

    ParsedCookies parsed = CookieFormats.read(text);

    assertThat(parsed.format()).isEqualTo(CookieFormat.NETSCAPE);
    assertThat(parsed.record().cookies().asList())
        .containsExactly(
            new Cookie("qqmusic_key", "Q_H_L_x=y", ".qq.com", "/", 1_800_000_000L, true, true, SameSite.UNSPECIFIED),
            new Cookie("ts_last", "y.qq.com/", "y.qq.com", "/", Cookie.SESSION, false, false, SameSite.UNSPECIFIED),
            new Cookie("wxopenid", "", ".qq.com", "/", 1_800_000_000L, false, false, SameSite.UNSPECIFIED));
  }

  @Test
  void netscapeOutputIsWhatCurlAndMozillaCookieJarRead() {
    CookieSet c =
        CookieSet.of(
            List.of(
                new Cookie("qqmusic_key", "Q_H_L_x", ".qq.com", "/", Cookie.SESSION, true, false, SameSite.UNSPECIFIED),
                new Cookie("ts_last", "y.qq.com/", "y.qq.com", "/", 1_800_000_000L, false, true, SameSite.LAX)));

    String text = CookieFormats.write(CookieFormat.NETSCAPE, new CookieRecord(c, CookieMetadata.NONE), null);

    assertThat(text.lines().findFirst()).hasValue("# Netscape HTTP Cookie File");
    assertThat(text)
        .contains("#HttpOnly_.qq.com\tTRUE\t/\tFALSE\t2147483647\tqqmusic_key\tQ_H_L_x\n")
        .contains("\ny.qq.com\tFALSE\t/\tTRUE\t1800000000\tts_last\ty.qq.com/\n");
  }

  @Test
  void playwrightStorageStateIsRead() {
    String json =
        "{\"cookies\":[{\"name\":\"uin\",\"value\":\"123\",\"domain\":\".qq.com\",\"path\":\"/\","
            + "\"expires\":-1,\"httpOnly\":false,\"secure\":false,\"sameSite\":\"Lax\"},"
            + "{\"name\":\"qqmusic_key\",\"value\":\"Q_H_L_x\",\"domain\":\"y.qq.com\",\"path\":\"/\","
            + "\"expires\":1800000000.25,\"httpOnly\":true,\"secure\":true,\"sameSite\":\"None\"}],"
            + "\"origins\":[]}";

    ParsedCookies parsed = CookieFormats.read(json);

    assertThat(parsed.format()).isEqualTo(CookieFormat.PLAYWRIGHT);
    assertThat(parsed.record().cookies().asList())
        .containsExactly(
            new Cookie("uin", "123", ".qq.com", "/", Cookie.SESSION, false, false, SameSite.LAX),
            new Cookie("qqmusic_key", "Q_H_L_x", "y.qq.com", "/", 1_800_000_000L, true, true, SameSite.NONE));
  }

  @Test
  void cookieEditorArraysAreRead() {
    String json =
        "[{\"domain\":\".qq.com\",\"hostOnly\":false,\"httpOnly\":true,\"name\":\"qqmusic_key\","
            + "\"path\":\"/\",\"sameSite\":\"no_restriction\",\"secure\":true,\"session\":false,"
            + "\"expirationDate\":1800000000.5,\"storeId\":\"0\",\"value\":\"Q_H_L_x\"},"
            + "{\"domain\":\"y.qq.com\",\"hostOnly\":true,\"httpOnly\":false,\"name\":\"ts_last\","
            + "\"path\":\"/\",\"sameSite\":\"unspecified\",\"secure\":false,\"session\":true,"
            + "\"storeId\":\"0\",\"value\":\"y.qq.com/\"}]";

    ParsedCookies parsed = CookieFormats.read(json);

    assertThat(parsed.format()).isEqualTo(CookieFormat.COOKIE_EDITOR);
    assertThat(parsed.record().cookies().asList())
        .containsExactly(
            new Cookie("qqmusic_key", "Q_H_L_x", ".qq.com", "/", 1_800_000_000L, true, true, SameSite.NONE),
            new Cookie("ts_last", "y.qq.com/", "y.qq.com", "/", Cookie.SESSION, false, false, SameSite.UNSPECIFIED));
  }

  @Test
  void duplicateNamesOnDifferentDomainsAreAllKept() {
    CookieSet c =
        CookieSet.of(
            List.of(
                new Cookie("uin", "o0111", "graph.qq.com", "/", Cookie.SESSION, false, false, SameSite.UNSPECIFIED),
                new Cookie("uin", "123", ".qq.com", "/", Cookie.SESSION, false, false, SameSite.UNSPECIFIED),
                new Cookie("uin", "456", "y.qq.com", "/", Cookie.SESSION, false, false, SameSite.UNSPECIFIED)));

    for (CookieFormat f : List.of(CookieFormat.NETSCAPE, CookieFormat.COOKIE_EDITOR, CookieFormat.JSON)) {
      CookieSet back = cookies(CookieFormats.write(f, new CookieRecord(c, CookieMetadata.NONE), null));
      assertThat(back.asList()).extracting(Cookie::domain).as(f.id()).containsExactly("graph.qq.com", ".qq.com", "y.qq.com");
    }
    // y.qq.com sees both of its own; graph.qq.com's is not sent there.
    assertThat(CookieFormats.header(c)).isEqualTo("uin=123; uin=456");
    assertThat(c.value("uin")).isPresent();
    assertThat(c.withValue("uin", "789").asList()).extracting(Cookie::value).containsOnly("789");
  }

  @ParameterizedTest
  @EnumSource(CookieFormat.class)
  void everyFormatIsDetectedFromItsOwnOutput(CookieFormat format) {
    CookieRecord record = new CookieRecord(cookies(HEADER), CookieMetadata.NONE);

    ParsedCookies back = CookieFormats.read(CookieFormats.write(format, record, null));

    assertThat(back.format()).isEqualTo(format);
    assertThat(CookieFormats.header(back.record().cookies())).isEqualTo(HEADER);
  }

  @Test
  void theOwnJsonKeepsEveryAttributeAndTheMetadata() {
    CookieMetadata meta =
        new CookieMetadata(259200L, "RK1", "Mozilla/5.0 Test", java.time.Instant.parse("2026-11-24T12:00:00Z"),
            java.time.Instant.parse("2026-11-24T13:00:00Z"), "import:header");
    CookieSet c =
        CookieSet.of(List.of(new Cookie("qqmusic_key", "Q_H_L_x", ".qq.com", "/music", 1_800_000_000L, true, true, SameSite.STRICT)));

    CookieRecord back = CookieFormats.readStoreDocument(CookieFormats.storeDocument(new CookieRecord(c, meta)));

    assertThat(back.cookies()).isEqualTo(c);
    assertThat(back.metadata()).isEqualTo(meta);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"cookies\":", "{\"a\":1}", "[1,2", "[{\"name\":1}]"})
  void brokenJsonIsInvalidInput(String text) {
    assertThatThrownBy(() -> CookieFormats.read(text)).isInstanceOf(InvalidInputException.class);
  }
}
