package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CookieTest {

  @Test
  void ofMakesAQqComSessionCookieOnRootPath() {
    Cookie c = Cookie.of("uin", "123");

    assertThat(c.domain()).isEqualTo(".qq.com");
    assertThat(c.path()).isEqualTo("/");
    assertThat(c.expires()).isEqualTo(Cookie.SESSION);
    assertThat(c.isSession()).isTrue();
    assertThat(c.includesSubdomains()).isTrue();
    assertThat(c.bareDomain()).isEqualTo("qq.com");
  }

  @Test
  void constructorNormalisesMissingAndOddValues() {
    Cookie c = new Cookie("n", null, "  Y.QQ.com ", "", -42, false, false, null);

    assertThat(c.value()).isEmpty();
    assertThat(c.domain()).isEqualTo("y.qq.com");
    assertThat(c.path()).isEqualTo("/");
    assertThat(c.expires()).isEqualTo(Cookie.SESSION);
    assertThat(c.sameSite()).isEqualTo(SameSite.UNSPECIFIED);
    assertThat(new Cookie("n", "v", null, null, 5, false, false, null).domain())
        .isEqualTo(".qq.com");
  }

  @Test
  void aNameIsRequired() {
    assertThatThrownBy(() -> new Cookie(null, "v", ".qq.com", "/", -1, false, false, null))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest(name = "{0} applies to {1}: {2}")
  @CsvSource({
    ".qq.com, y.qq.com, true",
    ".qq.com, qq.com, true",
    ".qq.com, Y.QQ.COM, true",
    ".qq.com, u6.y.qq.com, true",
    ".qq.com, evilqq.com, false",
    ".y.qq.com, y.qq.com, true",
    ".y.qq.com, u6.y.qq.com, true",
    ".y.qq.com, qq.com, false",
    "y.qq.com, y.qq.com, true",
    "y.qq.com, u6.y.qq.com, false",
    "qq.com, y.qq.com, false",
    "graph.qq.com, y.qq.com, false",
  })
  void appliesToFollowsDomainMatching(String domain, String host, boolean applies) {
    Cookie c = new Cookie("n", "v", domain, "/", -1, false, false, null);

    assertThat(c.appliesTo(host)).isEqualTo(applies);
  }

  @Test
  void sameSlotIsNameDomainAndPath() {
    Cookie a = new Cookie("n", "1", ".qq.com", "/", -1, false, false, null);

    assertThat(a.sameSlot(new Cookie("n", "2", ".QQ.com", "/", 5, true, true, SameSite.LAX)))
        .isTrue();
    assertThat(a.sameSlot(new Cookie("n", "1", "qq.com", "/", -1, false, false, null))).isFalse();
    assertThat(a.sameSlot(new Cookie("n", "1", ".qq.com", "/x", -1, false, false, null))).isFalse();
    assertThat(a.sameSlot(new Cookie("m", "1", ".qq.com", "/", -1, false, false, null))).isFalse();
  }

  @Test
  void withValueKeepsEveryOtherAttribute() {
    Cookie c = new Cookie("n", "1", "y.qq.com", "/p", 77, true, true, SameSite.STRICT);

    assertThat(c.withValue("2"))
        .isEqualTo(new Cookie("n", "2", "y.qq.com", "/p", 77, true, true, SameSite.STRICT));
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "None, NONE",
        "no_restriction, NONE",
        "Lax, LAX",
        "lax, LAX",
        "STRICT, STRICT",
        "unspecified, UNSPECIFIED",
        "null, UNSPECIFIED",
        "whatever, UNSPECIFIED"
      })
  void sameSiteReadsEverySpelling(String text, SameSite expected) {
    assertThat(SameSite.parse(text)).isEqualTo(expected);
  }
}
