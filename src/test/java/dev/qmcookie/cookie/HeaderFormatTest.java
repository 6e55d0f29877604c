package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.qmcookie.failure.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderFormatTest {

  private static CookieSet read(String text) {
    ParsedCookies parsed = CookieFormats.read(text);
    assertThat(parsed.format()).isEqualTo(CookieFormat.HEADER);
    assertThat(parsed.record().metadata()).isEqualTo(CookieMetadata.NONE);
    return parsed.record().cookies();
  }

  @Test
  void realisticCookieRoundTripsToTheExactString() {
    String header = SampleCookies.headerString();

    CookieSet cookies = read(header);

    assertThat(cookies.size())
        .isEqualTo(SampleCookies.headerPairs().size())
        .isGreaterThanOrEqualTo(30);
    assertThat(CookieFormats.header(cookies)).isEqualTo(header);
    assertThat(CookieFormats.write(CookieFormat.HEADER, new CookieRecord(cookies, null), null))
        .isEqualTo(header);
  }

  @Test
  void keepsNamesAndValuesInBrowserOrder() {
    CookieSet cookies = read(SampleCookies.headerString());

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::value)
        .containsExactlyElementsOf(
            SampleCookies.headerPairs().stream()
                .map(e -> tuple(e.getKey(), e.getValue()))
                .toList());
  }

  @Test
  void everyPairBecomesAQqComSessionCookieOnRootPath() {
    CookieSet cookies = read("uin=123; qqmusic_key=Q_H_L_abc");

    assertThat(cookies.asList())
        .allSatisfy(
            c -> {
              assertThat(c.domain()).isEqualTo(".qq.com");
              assertThat(c.path()).isEqualTo("/");
              assertThat(c.isSession()).isTrue();
              assertThat(c.httpOnly()).isFalse();
              assertThat(c.secure()).isFalse();
              assertThat(c.sameSite()).isEqualTo(SameSite.UNSPECIFIED);
            })
        .hasSize(2);
  }

  @Test
  void valueMayContainEqualsSigns() {
    CookieSet cookies = read("pgv_info=ssid=s123; x=a=b==");

    assertThat(cookies.value("pgv_info")).contains("ssid=s123");
    assertThat(cookies.value("x")).contains("a=b==");
  }

  @Test
  void emptyValuesAreKept() {
    CookieSet cookies = read("wxopenid=; uin=1; wxunionid=");

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::value)
        .containsExactly(tuple("wxopenid", ""), tuple("uin", "1"), tuple("wxunionid", ""));
    assertThat(CookieFormats.header(cookies)).isEqualTo("wxopenid=; uin=1; wxunionid=");
  }

  @Test
  void spacesAroundSeparatorsAndTrailingSemicolonAreIgnored() {
    CookieSet cookies = read("  a = 1 ;b=2;   c=3 ;  ; ");

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::value)
        .containsExactly(tuple("a", "1"), tuple("b", "2"), tuple("c", "3"));
    assertThat(CookieFormats.header(cookies)).isEqualTo("a=1; b=2; c=3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Cookie: ", "cookie:", "COOKIE :  ", "  Cookie:\t"})
  void acceptsALeadingCookiePrefix(String prefix) {
    CookieSet cookies = read(prefix + "uin=123; login_type=1");

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::value)
        .containsExactly(tuple("uin", "123"), tuple("login_type", "1"));
  }

  @Test
  void multiLinePastesWithCrlfAreSplitIntoPairs() {
    String pasted =
        "Cookie: pgv_pvid=1;\r\n uin=123; ts_last=y.qq.com/\r\npgv_info=ssid=s9\nwxopenid=\r\n";

    CookieSet cookies = read(pasted);

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::value)
        .containsExactly(
            tuple("pgv_pvid", "1"),
            tuple("uin", "123"),
            tuple("ts_last", "y.qq.com/"),
            tuple("pgv_info", "ssid=s9"),
            tuple("wxopenid", ""));
    assertThat(CookieFormats.header(cookies))
        .isEqualTo("pgv_pvid=1; uin=123; ts_last=y.qq.com/; pgv_info=ssid=s9; wxopenid=")
        .doesNotContain("\r", "\n");
  }

  @Test
  void aByteOrderMarkIsIgnored() {
    CookieSet cookies = read("\uFEFFuin=123");

    assertThat(cookies.asList()).extracting(Cookie::name).containsExactly("uin");
  }

  @Test
  void duplicateNamesInOneHeaderAreAllKept() {
    CookieSet cookies = read("uin=1; uin=2");

    assertThat(cookies.asList()).extracting(Cookie::value).containsExactly("1", "2");
    assertThat(cookies.value("uin")).contains("1");
    assertThat(CookieFormats.header(cookies)).isEqualTo("uin=1; uin=2");
  }

  @Test
  void headerExportHoldsOnlyCookiesThatApplyToYQqCom() {
    CookieSet cookies = SampleCookies.browserCookies();

    String header = CookieFormats.header(cookies);

    List<String> expected =
        cookies.asList().stream()
            .filter(c -> c.appliesTo("y.qq.com"))
            .map(c -> c.name() + "=" + c.value())
            .toList();
    assertThat(header).isEqualTo(String.join("; ", expected));
    assertThat(header)
        .doesNotContain("uin=9999999")
        .doesNotContain("pt_token=")
        .contains("p_skey=fakePskey0123456789")
        .contains("uin=o" + SampleCookies.UIN);
  }

  @Test
  void everyMalformedPairIsReportedAtOnce() {
    assertThatThrownBy(() -> CookieFormats.read("uin=1; justtext; bad name=2; ok=3"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.problems()).hasSize(2);
              assertThat(e.problems().get(0)).contains("justtext").contains("name=value");
              assertThat(e.problems().get(1))
                  .contains("bad name")
                  .contains("not a valid cookie name");
              assertThat(e.getMessage())
                  .contains("header")
                  .contains("justtext")
                  .contains("bad name");
            });
  }

  @Test
  void aLongFragmentWithoutEqualsIsAbbreviatedInTheError() {
    String secret = SampleCookies.MUSIC_KEY;

    assertThatThrownBy(() -> CookieFormats.read("uin=1; " + secret))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a name=value pair")
        .hasMessageNotContaining(secret);
  }

  @Test
  void theSampleHoldsTheTrickyValuesTheRoundTripIsAbout() {
    // Guards the sample itself: the round-trip test above is meaningful only with tricky values.
    List<Map.Entry<String, String>> pairs = SampleCookies.headerPairs();
    assertThat(pairs).anyMatch(e -> e.getValue().contains("="));
    assertThat(pairs).anyMatch(e -> e.getValue().isEmpty());
  }
}
