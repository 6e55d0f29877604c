package dev.qmcookie.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page's files as the jar carries them. The daemon answers with a CSP that allows only its own
 * files ({@code default-src 'self'}, no inline script or style), so what it would block is caught
 * here rather than as a blank page in a user's browser; the end-to-end test relies on the ids and
 * classes checked here.
 */
class PageResourcesTest {
  static final String HOME = "/dev/qmcookie/web/";
  static final List<String> FILES = List.of("signin.html", "index.html", "app.css", "app.js");

  // The only absolute URL allowed: SVG's namespace name, which is never fetched.
  static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
  static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)(?:https?:|wss?:)?//[a-z0-9.-]+\\.");

  static String resource(String name) throws IOException {
    try (InputStream in = PageResourcesTest.class.getResourceAsStream(HOME + name)) {
      assertThat(in).as(name + " is on the class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Document page(String name) throws IOException {
    return Jsoup.parse(resource(name), "");
  }

  @Test
  void everyFileOfThePageIsInTheJar() throws IOException {
    for (String name : FILES) {
      assertThat(resource(name)).as(name).isNotBlank();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"signin.html", "index.html"})
  void pagesHaveNoInlineScriptOrStyleForTheCspToBlock(String name) throws IOException {
    Document page = page(name);

    for (Element script : page.select("script")) {
      assertThat(script.attr("src")).as(name + ": a script's src").isNotBlank();
      assertThat(script.data()).as(name + ": a script's body").isBlank();
    }
    assertThat(page.select("style")).as(name + ": <style>").isEmpty();
    List<String> inline = new ArrayList<>();
    for (Element element : page.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        String key = attribute.getKey().toLowerCase();
        if (key.equals("style") || key.startsWith("on")) {
          inline.add(element.tagName() + " " + key);
        }
        if (attribute.getValue().trim().toLowerCase().startsWith("javascript:")) {
          inline.add(element.tagName() + " " + key + "=javascript:");
        }
      }
    }
    assertThat(inline).as(name + ": inline handlers and styles").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"signin.html", "index.html"})
  void pagesLoadOnlyTheDaemonsOwnScriptAndStyles(String name) throws IOException {
    Document page = page(name);

    assertThat(page.select("script").eachAttr("src")).containsExactly("/ui/app.js");
    assertThat(page.select("link[rel=stylesheet]").eachAttr("href")).containsExactly("/ui/app.css");
    assertThat(page.select("meta[name=viewport]").attr("content")).contains("width=device-width");
  }

  @Test
  void noFileReachesAnotherHost() throws IOException {
    List<String> found = new ArrayList<>();
    for (String name : FILES) {
      String text = resource(name).replace(SVG_NAMESPACE, "");
      Matcher url = ABSOLUTE_URL.matcher(text);
      while (url.find()) {
        found.add(name + ": " + url.group());
      }
      if (text.contains("@import") || text.contains("url(")) {
        found.add(name + ": a CSS import or url()");
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void theUrlCheckFindsAForeignHost() {
    assertThat(ABSOLUTE_URL.matcher("<script src=\"https://cdn.example.com/x.js\">").find())
        .isTrue();
    assertThat(ABSOLUTE_URL.matcher("@font-face { src: //fonts.gstatic.com/a.woff }").find())
        .isTrue();
    assertThat(ABSOLUTE_URL.matcher("// the daemon's order. Then more.").find()).isFalse();
  }

  @Test
  void theIndexCarriesThePlaceholderTheServerFillsWithTheCsrfToken() throws IOException {
    assertThat(page("index.html").select("meta[name=csrf-token]").attr("content"))
        .isEqualTo("{{csrf}}");
    assertThat(resource("signin.html")).doesNotContain("{{csrf}}");
  }

  @Test
  void theSignInFormPostsTheTokenFieldOnce() throws IOException {
    Document page = page("signin.html");

    Element form = page.selectFirst("form");
    assertThat(form.attr("method")).isEqualToIgnoringCase("post");
    assertThat(form.attr("action")).isEqualTo("/ui/signin");
    Element token = form.selectFirst("input[name=token]");
    assertThat(token.attr("type")).isEqualTo("password");
    assertThat(token.attr("autocomplete")).isEqualTo("current-password");
    assertThat(form.select("input")).hasSize(1);
    assertThat(page.select("#signin-failed").hasAttr("hidden")).isTrue();
    assertThat(page.text()).contains("<home>/api-token");
  }

  @Test
  void theIndexHasTheElementsTheEndToEndTestFinds() throws IOException {
    Document page = page("index.html");

    assertThat(page.select("table#accounts > tbody")).hasSize(1);
    assertThat(page.select("img#qr-image")).hasSize(1);
    Element state = page.selectFirst("#login-state");
    assertThat(state.attr("aria-live")).isEqualTo("polite");
    assertThat(state.hasAttr("data-state")).isTrue();
    assertThat(page.select("#banner[role=alert]")).hasSize(1);
    assertThat(page.select("form#signout button")).hasSize(1);
    // Rows are made from this template: each account's tr holds the buttons.
    Element tr = page.selectFirst("template#row tr:not(.history)");
    for (String button :
        List.of("renew-now", "check-now", "history-toggle", "login-qq", "login-wechat")) {
      assertThat(tr.select("button." + button)).as(button).hasSize(1);
    }
    String chartSpan = page.selectFirst("template#row tr.history > td").attr("colspan");
    assertThat(tr.select("td")).hasSize(Integer.parseInt(chartSpan));
    assertThat(resource("app.js")).contains("tr.id = 'account-' + name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"signin.html", "index.html"})
  void everyInputHasALabelAndEveryButtonAType(String name) throws IOException {
    Document page = page(name);

    for (Element input : page.select("input")) {
      assertThat(page.select("label[for=" + input.id() + "]")).as(input.toString()).hasSize(1);
    }
    for (Element button : page.select("button")) {
      assertThat(button.attr("type")).as(button.toString()).isIn("button", "submit");
    }
  }

  @Test
  void theScriptAndTheStylesStayWithinTheirBudgets() throws IOException {
    // 12 KiB and a half: the half for an alert link's way through the sign-in (its #account-,
    // and a link from webmail that arrives without the SameSite=Strict cookie).
    assertThat(resource("app.js").getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(12 * 1024 + 512);
    assertThat(resource("app.css").getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(6 * 1024);
  }
}
