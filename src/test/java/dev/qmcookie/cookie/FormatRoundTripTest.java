package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** write(format) then read() for every format: detection and what each format preserves. */
class FormatRoundTripTest {

  /** What a cookie becomes after a trip through {@code format}. */
  private static UnaryOperator<Cookie> expectedAfter(CookieFormat format) {
    switch (format) {
      case JSON:
      case COOKIE_EDITOR:
        return c -> c;
      case NETSCAPE:
        // No SameSite column; session cookies get 2^31-1 so that strict readers keep them.
        return c ->
            new Cookie(
                c.name(),
                c.value(),
                c.domain(),
                c.path(),
                c.isSession() ? Integer.MAX_VALUE : c.expires(),
                c.httpOnly(),
                c.secure(),
                SameSite.UNSPECIFIED);
      case PLAYWRIGHT:
        // Playwright knows only Strict, Lax and None; a browser treats "unspecified" as Lax.
        return c ->
            new Cookie(
                c.name(),
                c.value(),
                c.domain(),
                c.path(),
                c.expires(),
                c.httpOnly(),
                c.secure(),
                c.sameSite() == SameSite.UNSPECIFIED ? SameSite.LAX : c.sameSite());
      case HEADER:
        // Only names and values of what y.qq.com sees; every pair comes back as .qq.com.
        return c -> Cookie.of(c.name(), c.value());
      default:
        throw new AssertionError(format);
    }
  }

  private static List<Cookie> expectedCookies(CookieFormat format, CookieSet original) {
    CookieSet kept =
        format == CookieFormat.HEADER ? original.forHost(CookieSet.MUSIC_HOST) : original;
    return kept.asList().stream().map(expectedAfter(format)).toList();
  }

  // The qqmusicapi credential carries the login alone, not every cookie and attribute:
  // QqMusicApiCredentialFormatTest covers it.
  @ParameterizedTest
  @EnumSource(value = CookieFormat.class, names = "QQMUSICAPI", mode = EnumSource.Mode.EXCLUDE)
  void writeThenReadDetectsTheFormatAndKeepsWhatItCanCarry(CookieFormat format) {
    CookieRecord record = SampleCookies.fullRecord();

    ParsedCookies back = CookieFormats.read(CookieFormats.write(format, record, null));

    assertThat(back.format()).isEqualTo(format);
    assertThat(back.record().cookies().asList())
        .containsExactlyElementsOf(expectedCookies(format, record.cookies()));
    assertThat(back.record().metadata())
        .isEqualTo(format == CookieFormat.JSON ? record.metadata() : CookieMetadata.NONE);
  }

  @ParameterizedTest
  @EnumSource(value = CookieFormat.class, names = "QQMUSICAPI", mode = EnumSource.Mode.EXCLUDE)
  void theRealisticHeaderCookieSurvivesEveryFormatWithValuesAndOrder(CookieFormat format) {
    CookieSet cookies = SampleCookies.qqLogin();

    ParsedCookies back =
        CookieFormats.read(CookieFormats.write(format, new CookieRecord(cookies, null), null));

    assertThat(back.format()).isEqualTo(format);
    assertThat(CookieFormats.header(back.record().cookies()))
        .isEqualTo(SampleCookies.headerString());
    assertThat(back.record().login().musicKey()).isEqualTo(SampleCookies.MUSIC_KEY);
    assertThat(back.record().login().problems()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(CookieFormat.class)
  void aSecondTripChangesNothingMore(CookieFormat format) {
    CookieRecord record = SampleCookies.fullRecord();
    String once = CookieFormats.write(format, record, null);

    String twice = CookieFormats.write(format, CookieFormats.read(once).record(), null);

    assertThat(twice).isEqualTo(once);
  }

  @Test
  void formatsAreFoundByTheirCommandLineIds() {
    for (CookieFormat f : CookieFormat.values()) {
      assertThat(CookieFormat.byId(f.id())).isSameAs(f);
      assertThat(CookieFormat.byId(" " + f.id().toUpperCase() + " ")).isSameAs(f);
      assertThat(CookieFormat.ids()).contains(f.id());
      assertThat(f.toString()).isEqualTo(f.id());
    }
    assertThat(CookieFormat.byId("xml")).isNull();
  }

  @Test
  void duplicateNamesOnDifferentDomainsAreAllKept() {
    CookieSet c =
        CookieSet.of(
            List.of(
                new Cookie(
                    "uin",
                    "o0111",
                    "graph.qq.com",
                    "/",
                    Cookie.SESSION,
                    false,
                    false,
                    SameSite.UNSPECIFIED),
                new Cookie(
                    "uin",
                    "123",
                    ".qq.com",
                    "/",
                    Cookie.SESSION,
                    false,
                    false,
                    SameSite.UNSPECIFIED),
                new Cookie(
                    "uin",
                    "456",
                    "y.qq.com",
                    "/",
                    Cookie.SESSION,
                    false,
                    false,
                    SameSite.UNSPECIFIED)));

    for (CookieFormat f :
        List.of(CookieFormat.NETSCAPE, CookieFormat.COOKIE_EDITOR, CookieFormat.JSON)) {
      CookieSet back =
          CookieFormats.read(CookieFormats.write(f, new CookieRecord(c, CookieMetadata.NONE), null))
              .record()
              .cookies();
      assertThat(back.asList())
          .extracting(Cookie::domain)
          .as(f.id())
          .containsExactly("graph.qq.com", ".qq.com", "y.qq.com");
    }
    // y.qq.com sees both of its own; graph.qq.com's is not sent there.
    assertThat(CookieFormats.header(c)).isEqualTo("uin=123; uin=456");
    assertThat(c.value("uin")).isPresent();
    assertThat(c.withValue("uin", "789").asList()).extracting(Cookie::value).containsOnly("789");
  }
}
