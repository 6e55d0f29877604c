package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookieEditorFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsAnEditThisCookieExportWithEveryAttribute() {
    ParsedCookies parsed = CookieFormats.read(SampleCookies.resource("cookie-editor-export.json"));

    assertThat(parsed.format()).isEqualTo(CookieFormat.COOKIE_EDITOR);
    assertThat(parsed.record().metadata()).isEqualTo(CookieMetadata.NONE);
    assertThat(parsed.record().cookies().asList())
        .extracting(
            Cookie::name,
            Cookie::value,
            Cookie::domain,
            Cookie::path,
            Cookie::expires,
            Cookie::httpOnly,
            Cookie::secure,
            Cookie::sameSite)
        .containsExactly(
            tuple(
                "uin",
                "2200000001",
                ".qq.com",
                "/",
                1795867200L,
                false,
                false,
                SameSite.UNSPECIFIED),
            tuple(
                "p_skey",
                "fakePskey0123456789",
                "y.qq.com",
                "/",
                Cookie.SESSION,
                true,
                true,
                SameSite.NONE),
            tuple(
                "qqmusic_key",
                "Q_H_L_5FAKEeditorKEYfakeFAKEfake0123456789Z",
                ".qq.com",
                "/",
                1795867200L,
                false,
                true,
                SameSite.LAX),
            tuple(
                "pt_token",
                "fakePtToken0123",
                "graph.qq.com",
                "/oauth",
                Cookie.SESSION,
                true,
                true,
                SameSite.STRICT),
            tuple(
                "wxopenid",
                "",
                ".qq.com",
                "/",
                Cookie.SESSION,
                false,
                false,
                SameSite.UNSPECIFIED));
  }

  @Test
  void hostOnlyDecidesTheLeadingDot() {
    String text =
        "[{\"name\":\"a\",\"value\":\"1\",\"domain\":\".y.qq.com\",\"hostOnly\":true,\"session\":true},"
            + "{\"name\":\"b\",\"value\":\"2\",\"domain\":\"qq.com\",\"hostOnly\":false,\"session\":true},"
            + "{\"name\":\"c\",\"value\":\"3\",\"domain\":\".qq.com\",\"session\":true}]";

    CookieSet cookies = CookieFormats.read(text).record().cookies();

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::domain)
        .containsExactly(tuple("a", "y.qq.com"), tuple("b", ".qq.com"), tuple("c", ".qq.com"));
  }

  @Test
  void sessionTrueWinsOverAnExpirationDate() {
    String text =
        "[{\"name\":\"a\",\"value\":\"1\",\"domain\":\".qq.com\",\"session\":true,\"expirationDate\":"
            + SampleCookies.LATER
            + ".5},"
            + "{\"name\":\"b\",\"value\":\"2\",\"domain\":\".qq.com\",\"session\":false,\"expirationDate\":"
            + SampleCookies.LATER
            + ".5}]";

    CookieSet cookies = CookieFormats.read(text).record().cookies();

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::expires)
        .containsExactly(tuple("a", Cookie.SESSION), tuple("b", SampleCookies.LATER));
  }

  @Test
  void anElementThatIsNotACookieObjectIsReported() {
    assertThatThrownBy(
            () ->
                CookieFormats.read("[{\"name\":\"a\",\"value\":\"1\",\"domain\":\".qq.com\"}, 42]"))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.problems()).singleElement().asString().contains("#2");
              assertThat(e.getMessage()).contains("Cookie-Editor");
            });
  }

  @Test
  void writesExtensionFieldsWithSessionAndHostOnly() throws Exception {
    CookieSet cookies = SampleCookies.browserCookies();

    JsonNode array =
        JSON.readTree(
            CookieFormats.write(CookieFormat.COOKIE_EDITOR, new CookieRecord(cookies, null), null));

    assertThat(array.isArray()).isTrue();
    assertThat(array.size()).isEqualTo(cookies.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      Cookie c = cookies.asList().get(i);
      List<String> fields = new ArrayList<>();
      n.fieldNames().forEachRemaining(fields::add);
      assertThat(fields)
          .contains(
              "domain",
              "hostOnly",
              "httpOnly",
              "name",
              "path",
              "sameSite",
              "secure",
              "session",
              "storeId",
              "value");
      assertThat(n.get("name").asText()).isEqualTo(c.name());
      assertThat(n.get("value").asText()).isEqualTo(c.value());
      assertThat(n.get("domain").asText()).isEqualTo(c.domain());
      assertThat(n.get("hostOnly").asBoolean()).isEqualTo(!c.domain().startsWith("."));
      assertThat(n.get("session").asBoolean()).isEqualTo(c.isSession());
      if (c.isSession()) {
        assertThat(n.has("expirationDate")).as("session %s has no expirationDate", c).isFalse();
      } else {
        assertThat(n.get("expirationDate").isNumber()).isTrue();
        assertThat(n.get("expirationDate").asLong()).isEqualTo(c.expires());
      }
      assertThat(n.get("sameSite").asText()).isIn("no_restriction", "lax", "strict", "unspecified");
      assertThat(SameSite.parse(n.get("sameSite").asText())).isEqualTo(c.sameSite());
    }
  }
}
