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

class PlaywrightFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readsAStorageStateWithEveryAttribute() {
    ParsedCookies parsed = CookieFormats.read(SampleCookies.resource("playwright-state.json"));

    assertThat(parsed.format()).isEqualTo(CookieFormat.PLAYWRIGHT);
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
            tuple("uin", "2200000001", ".qq.com", "/", 1795867200L, false, false, SameSite.LAX),
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
                "pt_token",
                "fakePtToken0123",
                "graph.qq.com",
                "/oauth",
                1795867200L,
                true,
                true,
                SameSite.STRICT));
  }

  @Test
  void aCookieWithoutNameOrDomainOrWithATextExpiryIsReported() {
    String text =
        "{\"cookies\":["
            + "{\"value\":\"1\",\"domain\":\".qq.com\"},"
            + "{\"name\":\"nodomain\",\"value\":\"2\"},"
            + "{\"name\":\"badexp\",\"value\":\"3\",\"domain\":\".qq.com\",\"expires\":\"tomorrow\"}"
            + "],\"origins\":[]}";

    assertThatThrownBy(() -> CookieFormats.read(text))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.problems()).hasSize(3);
              assertThat(e.problems().get(0)).contains("#1").contains("no name");
              assertThat(e.problems().get(1)).contains("nodomain").contains("no domain");
              assertThat(e.problems().get(2)).contains("badexp").contains("expiry");
              assertThat(e.getMessage()).contains("Playwright");
            });
  }

  @Test
  void writesPlaywrightKeysAndTypes() throws Exception {
    CookieSet cookies = SampleCookies.browserCookies();

    JsonNode root =
        JSON.readTree(
            CookieFormats.write(CookieFormat.PLAYWRIGHT, new CookieRecord(cookies, null), null));

    assertThat(root.isObject()).isTrue();
    assertThat(fieldNames(root)).containsExactlyInAnyOrder("cookies", "origins");
    assertThat(root.get("origins").isArray()).isTrue();
    assertThat(root.get("origins").size()).isZero();
    JsonNode array = root.get("cookies");
    assertThat(array.size()).isEqualTo(cookies.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      Cookie c = cookies.asList().get(i);
      assertThat(fieldNames(n))
          .containsExactlyInAnyOrder(
              "name", "value", "domain", "path", "expires", "httpOnly", "secure", "sameSite");
      assertThat(n.get("name").isTextual()).isTrue();
      assertThat(n.get("name").asText()).isEqualTo(c.name());
      assertThat(n.get("value").asText()).isEqualTo(c.value());
      assertThat(n.get("domain").asText()).isEqualTo(c.domain());
      assertThat(n.get("path").asText()).isEqualTo(c.path());
      assertThat(n.get("expires").isNumber()).as("expires of %s is a number", c).isTrue();
      assertThat(n.get("expires").asLong()).isEqualTo(c.isSession() ? -1 : c.expires());
      assertThat(n.get("httpOnly").isBoolean()).isTrue();
      assertThat(n.get("httpOnly").asBoolean()).isEqualTo(c.httpOnly());
      assertThat(n.get("secure").isBoolean()).isTrue();
      assertThat(n.get("secure").asBoolean()).isEqualTo(c.secure());
      assertThat(n.get("sameSite").asText()).isIn("Strict", "Lax", "None");
    }
  }

  @Test
  void writesSameSiteCapitalisedAndUnspecifiedAsLax() throws Exception {
    CookieSet cookies =
        CookieSet.of(
            List.of(
                new Cookie("n", "1", ".qq.com", "/", -1, false, true, SameSite.NONE),
                new Cookie("l", "2", ".qq.com", "/", -1, false, false, SameSite.LAX),
                new Cookie("s", "3", ".qq.com", "/", -1, false, false, SameSite.STRICT),
                new Cookie("u", "4", ".qq.com", "/", -1, false, false, SameSite.UNSPECIFIED)));

    JsonNode array =
        JSON.readTree(
                CookieFormats.write(CookieFormat.PLAYWRIGHT, new CookieRecord(cookies, null), null))
            .get("cookies");

    List<String> sameSites = new ArrayList<>();
    array.forEach(n -> sameSites.add(n.get("sameSite").asText()));
    assertThat(sameSites).containsExactly("None", "Lax", "Strict", "Lax");
  }

  @Test
  void anObjectWithACookiesArrayButAFormatFieldIsNotTakenForPlaywright() {
    String text =
        "{\"format\":\"something-else\",\"cookies\":[{\"name\":\"a\",\"value\":\"1\",\"domain\":\".qq.com\"}]}";

    assertThatThrownBy(() -> CookieFormats.read(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Playwright");
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
