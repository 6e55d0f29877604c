package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookieSetTest {
  private static final Cookie UIN_GRAPH =
      new Cookie(
          "uin", "111", "graph.qq.com", "/", Cookie.SESSION, false, false, SameSite.UNSPECIFIED);
  private static final Cookie UIN_QQ =
      new Cookie("uin", "222", ".qq.com", "/", Cookie.SESSION, false, false, SameSite.UNSPECIFIED);
  private static final Cookie UIN_Y =
      new Cookie("uin", "333", ".y.qq.com", "/", SampleCookies.LATER, true, true, SameSite.LAX);

  @Test
  void duplicateNamesOnDifferentDomainsAreAllKeptInOrder() {
    CookieSet set = CookieSet.of(List.of(UIN_GRAPH, UIN_QQ, UIN_Y));

    assertThat(set.asList()).containsExactly(UIN_GRAPH, UIN_QQ, UIN_Y);
    assertThat(set.size()).isEqualTo(3);
  }

  @Test
  void valuePrefersTheFirstCookieThatAppliesToYQqCom() {
    assertThat(CookieSet.of(List.of(UIN_GRAPH, UIN_QQ, UIN_Y)).value("uin")).contains("222");
    assertThat(CookieSet.of(List.of(UIN_GRAPH, UIN_Y, UIN_QQ)).value("uin")).contains("333");
  }

  @Test
  void valueFallsBackToAnyDomainWhenNoneAppliesToYQqCom() {
    CookieSet set = CookieSet.of(List.of(UIN_GRAPH));

    assertThat(set.value("uin")).contains("111");
    assertThat(set.value("nope")).isEmpty();
    assertThat(set.valueOrEmpty("nope")).isEmpty();
    assertThat(set.hasValue("uin")).isTrue();
  }

  @Test
  void hasValueIsFalseForAnEmptyValue() {
    CookieSet set = CookieSet.of(List.of(Cookie.of("wxopenid", "")));

    assertThat(set.value("wxopenid")).contains("");
    assertThat(set.hasValue("wxopenid")).isFalse();
  }

  @Test
  void headerExportContainsOnlyCookiesThatApplyToYQqCom() {
    CookieSet set = CookieSet.of(List.of(UIN_GRAPH, UIN_QQ, UIN_Y));

    assertThat(CookieFormats.header(set)).isEqualTo("uin=222; uin=333");
    assertThat(CookieFormats.header(CookieSet.of(List.of(UIN_GRAPH)))).isEmpty();
  }

  @Test
  void forHostKeepsOrderAndDropsOtherHosts() {
    CookieSet set = CookieSet.of(List.of(UIN_GRAPH, UIN_QQ, UIN_Y));

    assertThat(set.forHost("y.qq.com").asList()).containsExactly(UIN_QQ, UIN_Y);
    assertThat(set.forHost("graph.qq.com").asList()).containsExactly(UIN_GRAPH, UIN_QQ);
    assertThat(set.forHost("u6.y.qq.com").asList()).containsExactly(UIN_QQ, UIN_Y);
    assertThat(set.forHost("example.com").isEmpty()).isTrue();
  }

  @Test
  void withValueChangesEveryCookieOfThatNameInPlaceKeepingAttributes() {
    CookieSet set = CookieSet.of(List.of(UIN_GRAPH, Cookie.of("a", "1"), UIN_Y));

    CookieSet changed = set.withValue("uin", "999");

    assertThat(changed.asList())
        .extracting(Cookie::name, Cookie::value, Cookie::domain)
        .containsExactly(
            tuple("uin", "999", "graph.qq.com"),
            tuple("a", "1", ".qq.com"),
            tuple("uin", "999", ".y.qq.com"));
    assertThat(changed.asList().get(2)).isEqualTo(UIN_Y.withValue("999"));
    assertThat(set.asList()).containsExactly(UIN_GRAPH, Cookie.of("a", "1"), UIN_Y);
  }

  @Test
  void withValueAppendsAQqComSessionCookieWhenTheNameIsAbsent() {
    CookieSet set = CookieSet.of(List.of(Cookie.of("a", "1")));

    CookieSet changed = set.withValue("qm_keyst", "Q_H_L_x");

    assertThat(changed.asList())
        .containsExactly(Cookie.of("a", "1"), Cookie.of("qm_keyst", "Q_H_L_x"));
    assertThat(set.size()).isEqualTo(1);
  }

  @Test
  void upsertReplacesTheSameSlotOnlyAndAppendsOtherwise() {
    CookieSet set = CookieSet.of(List.of(UIN_GRAPH, UIN_QQ));
    Cookie newQq =
        new Cookie("uin", "444", ".qq.com", "/", SampleCookies.LATER, true, true, SameSite.NONE);
    Cookie otherPath =
        new Cookie("uin", "555", ".qq.com", "/x", Cookie.SESSION, false, false, null);

    CookieSet replaced = set.upsert(newQq);
    CookieSet appended = replaced.upsert(otherPath);

    assertThat(replaced.asList()).containsExactly(UIN_GRAPH, newQq);
    assertThat(appended.asList()).containsExactly(UIN_GRAPH, newQq, otherPath);
    assertThat(set.asList()).containsExactly(UIN_GRAPH, UIN_QQ);
  }

  @Test
  void filterKeepsOrder() {
    CookieSet set = CookieSet.of(List.of(UIN_GRAPH, Cookie.of("a", "1"), UIN_Y));

    assertThat(set.filter(c -> c.name().equals("uin")).asList()).containsExactly(UIN_GRAPH, UIN_Y);
    assertThat(set.filter(c -> true)).isEqualTo(set);
    assertThat(set.filter(c -> false).isEmpty()).isTrue();
  }

  @Test
  void isImmutableAndDoesNotShareTheCallersList() {
    List<Cookie> source = new ArrayList<>(List.of(Cookie.of("a", "1")));
    CookieSet set = CookieSet.of(source);

    source.add(Cookie.of("b", "2"));

    assertThat(set.asList()).containsExactly(Cookie.of("a", "1"));
    assertThatThrownBy(() -> set.asList().add(Cookie.of("c", "3")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> set.withValue("a", "2").asList().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> set.upsert(Cookie.of("z", "2")).asList().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalityIsByCookiesInOrder() {
    CookieSet ab = CookieSet.of(List.of(Cookie.of("a", "1"), Cookie.of("b", "2")));

    assertThat(ab).isEqualTo(CookieSet.of(List.of(Cookie.of("a", "1"), Cookie.of("b", "2"))));
    assertThat(ab)
        .hasSameHashCodeAs(CookieSet.of(List.of(Cookie.of("a", "1"), Cookie.of("b", "2"))));
    assertThat(ab).isNotEqualTo(CookieSet.of(List.of(Cookie.of("b", "2"), Cookie.of("a", "1"))));
    assertThat(CookieSet.of(List.of())).isEqualTo(CookieSet.empty());
  }
}
