package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetscapeFormatTest {
  /** The expiry qmcookie writes for session cookies: 2^31-1, the usual "never". */
  private static final long SESSION_STAND_IN = Integer.MAX_VALUE;

  private static CookieSet read(String text) {
    ParsedCookies parsed = CookieFormats.read(text);
    assertThat(parsed.format()).isEqualTo(CookieFormat.NETSCAPE);
    return parsed.record().cookies();
  }

  private static String line(String... fields) {
    return String.join("\t", fields);
  }

  @Test
  void readsACurlStyleFileWithCommentsBlankLinesAndHttpOnlyLines() {
    CookieSet cookies = read(SampleCookies.resource("sample-cookies.netscape.txt"));

    assertThat(cookies.asList())
        .extracting(
            Cookie::name,
            Cookie::value,
            Cookie::domain,
            Cookie::path,
            Cookie::expires,
            Cookie::httpOnly,
            Cookie::secure)
        .containsExactly(
            tuple("uin", "2200000001", ".qq.com", "/", 1795867200L, false, false),
            tuple(
                "psrf_qqaccess_token",
                SampleCookies.ACCESS_TOKEN,
                ".qq.com",
                "/",
                1795867200L,
                true,
                true),
            tuple("p_skey", "fakePskey0123456789", "y.qq.com", "/", Cookie.SESSION, false, true),
            tuple(
                "pt_token",
                "fakePtToken0123",
                "graph.qq.com",
                "/oauth",
                Cookie.SESSION,
                true,
                true),
            tuple("pgv_info", "ssid=s1234567890", ".qq.com", "/", Cookie.SESSION, false, false),
            tuple("wxopenid", "", ".qq.com", "/", Cookie.SESSION, false, false));
    assertThat(cookies.asList()).extracting(Cookie::sameSite).containsOnly(SameSite.UNSPECIFIED);
  }

  @Test
  void crlfLineEndingsReadTheSameAsLf() {
    String lf = SampleCookies.resource("sample-cookies.netscape.txt");
    String crlf = lf.replace("\n", "\r\n");

    assertThat(crlf).contains("\r\n");
    assertThat(read(crlf)).isEqualTo(read(lf));
  }

  @Test
  void isDetectedWithoutTheMagicFirstLine() {
    String text =
        "#HttpOnly_.qq.com\tTRUE\t/\tFALSE\t0\tpsrf_qqopenid\tx1\n"
            + ".qq.com\tTRUE\t/\tFALSE\t0\tuin\t123\n";

    CookieSet cookies = read(text);

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::httpOnly)
        .containsExactly(tuple("psrf_qqopenid", true), tuple("uin", false));
  }

  @Test
  void theIncludeSubdomainsFlagDecidesTheLeadingDot() {
    String text =
        NetscapeFormat.MAGIC
            + "\n"
            + line(".qq.com", "TRUE", "/", "FALSE", "0", "a", "1")
            + "\n"
            + line("qq.com", "TRUE", "/", "FALSE", "0", "b", "2")
            + "\n"
            + line("y.qq.com", "FALSE", "/", "FALSE", "0", "c", "3")
            + "\n"
            + line(".y.qq.com", "FALSE", "/", "FALSE", "0", "d", "4")
            + "\n";

    CookieSet cookies = read(text);

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::domain, Cookie::includesSubdomains)
        .containsExactly(
            tuple("a", ".qq.com", true),
            tuple("b", ".qq.com", true),
            tuple("c", "y.qq.com", false),
            tuple("d", "y.qq.com", false));
  }

  @Test
  void expiryZeroIsASessionCookieAndAFractionalExpiryIsTruncated() {
    long later = SampleCookies.LATER;
    String text =
        NetscapeFormat.MAGIC
            + "\n"
            + line(".qq.com", "TRUE", "/", "FALSE", "0", "s", "1")
            + "\n"
            + line(".qq.com", "TRUE", "/", "TRUE", later + ".75", "p", "2")
            + "\n";

    CookieSet cookies = read(text);

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::expires, Cookie::isSession, Cookie::secure)
        .containsExactly(tuple("s", Cookie.SESSION, true, false), tuple("p", later, false, true));
  }

  @Test
  void anEmptyValueOnTheLastLineSurvivesTrailingWhitespaceTrimming() {
    String text =
        NetscapeFormat.MAGIC
            + "\n"
            + line(".qq.com", "TRUE", "/", "FALSE", "0", "wxopenid", "")
            + "\n";

    CookieSet cookies = read(text);

    assertThat(cookies.asList())
        .extracting(Cookie::name, Cookie::value)
        .containsExactly(tuple("wxopenid", ""));
  }

  @Test
  void aLineWithTooFewFieldsIsReportedWithItsNumber() {
    String text =
        NetscapeFormat.MAGIC
            + "\n"
            + line(".qq.com", "TRUE", "/", "FALSE", "0", "ok", "1")
            + "\n"
            + "qq.com TRUE / FALSE 0 spaces-not-tabs 1\n";

    assertThatThrownBy(() -> CookieFormats.read(text))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.problems()).singleElement().asString().contains("line 3");
              assertThat(e.getMessage()).contains("cookies.txt");
            });
  }

  @Test
  void aNonNumericExpiryIsReported() {
    String text =
        NetscapeFormat.MAGIC
            + "\n"
            + line(".qq.com", "TRUE", "/", "FALSE", "soon", "uin", "1")
            + "\n";

    assertThatThrownBy(() -> CookieFormats.read(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("soon");
  }

  @Test
  void aFileWithOnlyCommentsHoldsNoCookie() {
    assertThatThrownBy(() -> CookieFormats.read(NetscapeFormat.MAGIC + "\n# nothing here\n\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no cookie")
        .hasMessageContaining("netscape");
  }

  @Test
  void writesSevenTabSeparatedColumnsWithHttpOnlyPrefixAndConsistentDomainFlag() {
    CookieSet cookies = SampleCookies.browserCookies();

    String text = CookieFormats.write(CookieFormat.NETSCAPE, new CookieRecord(cookies, null), null);

    assertThat(text).startsWith(NetscapeFormat.MAGIC + "\n");
    List<String> lines =
        Arrays.stream(text.split("\n")).filter(l -> !l.isEmpty() && !l.startsWith("# ")).toList();
    assertThat(lines).hasSize(cookies.size());
    for (int i = 0; i < lines.size(); i++) {
      Cookie c = cookies.asList().get(i);
      String l = lines.get(i);
      assertThat(l.startsWith("#HttpOnly_")).as("HttpOnly prefix of %s", c).isEqualTo(c.httpOnly());
      String[] f = (c.httpOnly() ? l.substring("#HttpOnly_".length()) : l).split("\t", -1);
      assertThat(f).as("columns of %s", c).hasSize(7);
      assertThat(f[0]).isEqualTo(c.domain());
      assertThat(f[1]).isEqualTo(c.domain().startsWith(".") ? "TRUE" : "FALSE");
      assertThat(f[2]).isEqualTo(c.path());
      assertThat(f[3]).isEqualTo(c.secure() ? "TRUE" : "FALSE");
      assertThat(Long.parseLong(f[4])).isEqualTo(c.isSession() ? SESSION_STAND_IN : c.expires());
      assertThat(f[5]).isEqualTo(c.name());
      assertThat(f[6]).isEqualTo(c.value());
    }
  }

  @Test
  void writtenFileReadsBackWithSessionCookiesKeptUnderTheStandInExpiry() {
    CookieSet cookies = SampleCookies.browserCookies();

    CookieSet back =
        read(CookieFormats.write(CookieFormat.NETSCAPE, new CookieRecord(cookies, null), null));

    assertThat(back.size()).isEqualTo(cookies.size());
    for (int i = 0; i < cookies.size(); i++) {
      Cookie c = cookies.asList().get(i);
      assertThat(back.asList().get(i))
          .isEqualTo(
              new Cookie(
                  c.name(),
                  c.value(),
                  c.domain(),
                  c.path(),
                  c.isSession() ? SESSION_STAND_IN : c.expires(),
                  c.httpOnly(),
                  c.secure(),
                  SameSite.UNSPECIFIED));
    }
  }

  /** Python's MozillaCookieJar is a strict reader: it checks the flag against the dot. */
  @Test
  void pythonMozillaCookieJarLoadsEveryCookieIncludingHttpOnlyOnes(@TempDir Path tmp)
      throws Exception {
    CookieSet cookies = SampleCookies.browserCookies();
    Path file = tmp.resolve("jar.txt");
    Files.writeString(
        file, CookieFormats.write(CookieFormat.NETSCAPE, new CookieRecord(cookies, null), null));

    JsonNode loaded =
        python(
            "import http.cookiejar, json, sys\n"
                + "j = http.cookiejar.MozillaCookieJar(sys.argv[1])\n"
                + "j.load(ignore_discard=True, ignore_expires=True)\n"
                + "print(json.dumps([[c.domain, c.path, c.name, c.value or '', c.secure,"
                + " c.expires, c.has_nonstandard_attr(http.cookiejar.HTTPONLY_ATTR)] for c in j]))\n",
            file);

    assertThat(loaded.size()).isEqualTo(cookies.size());
    List<String> got = new ArrayList<>();
    loaded.forEach(n -> got.add(n.toString()));
    List<String> expected = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    for (Cookie c : cookies) {
      expected.add(
          mapper
              .createArrayNode()
              .add(c.domain())
              .add(c.path())
              .add(c.name())
              .add(c.value())
              .add(c.secure())
              .add(c.isSession() ? SESSION_STAND_IN : c.expires())
              .add(c.httpOnly())
              .toString());
    }
    // The jar orders by domain and path, not by file order.
    assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * Without ignore_discard / ignore_expires, a session cookie written with expiry 0 would vanish.
   */
  @Test
  void pythonKeepsSessionCookiesEvenWithoutIgnoreFlags(@TempDir Path tmp) throws Exception {
    CookieSet cookies =
        CookieSet.of(
            List.of(
                Cookie.of("uin", SampleCookies.UIN),
                new Cookie(
                    "qqmusic_key",
                    SampleCookies.MUSIC_KEY,
                    ".qq.com",
                    "/",
                    Cookie.SESSION,
                    true,
                    true,
                    SameSite.NONE)));
    Path file = tmp.resolve("jar.txt");
    Files.writeString(
        file, CookieFormats.write(CookieFormat.NETSCAPE, new CookieRecord(cookies, null), null));

    JsonNode loaded =
        python(
            "import http.cookiejar, json, sys\n"
                + "j = http.cookiejar.MozillaCookieJar(sys.argv[1])\n"
                + "j.load()\n"
                + "print(json.dumps(sorted(c.name for c in j)))\n",
            file);

    assertThat(loaded.toString()).isEqualTo("[\"qqmusic_key\",\"uin\"]");
  }

  private static JsonNode python(String script, Path file)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(pythonAvailable(), "python3 is not installed");
    Process p =
        new ProcessBuilder("python3", "-c", script, file.toString())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("python3 finished within 30 s").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("python3 output: %s", out).isZero();
    return new ObjectMapper().readTree(out);
  }

  private static boolean pythonAvailable() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
