package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qmcookie.failure.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cookie whose name or value could break a header line or a file line is refused in every format,
 * naming the cookie and the kind of character but never quoting the value.
 */
class UnsafeCookieTest {
  static final String KEY = SampleCookies.MUSIC_KEY;

  static CookieRecord loginWith(Cookie extraOrReplacement) {
    CookieSet cookies = SampleCookies.qqLogin();
    return new CookieRecord(cookies.upsert(extraOrReplacement), CookieMetadata.NONE);
  }

  static InvalidInputException refusal(String text) {
    return catchThrowableOfType(InvalidInputException.class, () -> CookieFormats.read(text));
  }

  // The header string cannot carry a line break or ';' inside a value: its writer turns them into
  // more pairs. Those are tested with duplicate login fields. The qqmusicapi credential names its
  // own fields instead of cookies, and carries no other cookie: QqMusicApiCredentialFormatTest.
  @ParameterizedTest
  @EnumSource(
      value = CookieFormat.class,
      names = {"HEADER", "QQMUSICAPI"},
      mode = EnumSource.Mode.EXCLUDE)
  void aValueWithALineBreakOrSemicolonIsRefusedInEveryFileFormat(CookieFormat format) {
    for (String injection : List.of("\r\nuin=999", "\nX-Injected: 1", "; uin=999")) {
      Cookie bad = Cookie.of(MusicLogin.MUSIC_KEY, KEY + injection);

      InvalidInputException e = refusal(CookieFormats.write(format, loginWith(bad), null));

      assertThat(e).as(format + " " + injection.strip()).isNotNull();
      assertThat(e.getMessage()).doesNotContain(KEY);
      // In cookies.txt a line break splits the line, which is refused by its number instead.
      if (format != CookieFormat.NETSCAPE || injection.startsWith(";")) {
        assertThat(e.getMessage()).contains("cookie qqmusic_key: the value contains");
      }
    }
  }

  @Test
  void aHeaderValueCarryingAnotherUinOrKeyIsAConflictingDuplicate() {
    for (String injection : List.of("; uin=999", "\r\nuin=999", "\nqqmusic_key=Q_H_L_mine")) {
      String header =
          CookieFormats.write(
              CookieFormat.HEADER,
              loginWith(Cookie.of(MusicLogin.QQ_OPENID, "x" + injection)),
              null);
      MusicLogin login = MusicLogin.of(CookieFormats.read(header).record().cookies());

      InvalidInputException e =
          catchThrowableOfType(InvalidInputException.class, login::requireRenewable);

      assertThat(e).as(injection.strip()).isNotNull();
      assertThat(e.getMessage())
          .containsPattern("(uin|qqmusic_key) appears 2 times with different values");
    }
  }

  @ParameterizedTest
  @EnumSource(value = CookieFormat.class, names = "QQMUSICAPI", mode = EnumSource.Mode.EXCLUDE)
  void aValueWithAControlCharacterIsRefusedInEveryFormat(CookieFormat format) {
    Cookie bad = Cookie.of("pgv_pvid", "12\u0007345\u001B[2J");

    InvalidInputException e = refusal(CookieFormats.write(format, loginWith(bad), null));

    assertThat(e).as(format.id()).isNotNull();
    assertThat(e.getMessage()).contains("cookie pgv_pvid: the value contains a control character");
  }

  @ParameterizedTest
  @EnumSource(
      value = CookieFormat.class,
      names = {"JSON", "PLAYWRIGHT", "COOKIE_EDITOR"})
  void jsonFormatsNameEveryUnsafeCookieAndTheKindOfCharacter(CookieFormat format) {
    CookieSet cookies =
        SampleCookies.qqLogin()
            .upsert(Cookie.of(MusicLogin.MUSIC_KEY, KEY + "\r\nuin=999"))
            .upsert(Cookie.of(MusicLogin.QQ_OPENID, "x; uin=999"))
            .upsert(Cookie.of("bad name", "1"))
            .upsert(Cookie.of("uin\r\nSet-Cookie:", "1"))
            .upsert(Cookie.of("nul", "a\u0000b"))
            .upsert(
                new Cookie("pathy", "1", ".qq.com", "/\nx", Cookie.SESSION, false, false, null));

    InvalidInputException e =
        refusal(CookieFormats.write(format, new CookieRecord(cookies, CookieMetadata.NONE), null));

    assertThat(e.problems())
        .contains(
            "cookie qqmusic_key: the value contains a line break",
            "cookie psrf_qqopenid: the value contains ';'",
            "cookie nul: the value contains a NUL character",
            "cookie pathy: the path contains a line break")
        .anySatisfy(p -> assertThat(p).endsWith("the name \"bad name\" is not a valid cookie name"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "the name \"uin??Set-Cookie:\" is not a valid cookie name (it contains a line break)"));
    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("\r").doesNotContain("\n");
  }

  @ParameterizedTest
  @EnumSource(value = CookieFormat.class, names = "QQMUSICAPI", mode = EnumSource.Mode.EXCLUDE)
  void aValueOutsideAsciiIsRefusedInEveryFormatAsNoHeaderCanCarryIt(CookieFormat format) {
    Cookie bad = Cookie.of("nick", "测试");

    InvalidInputException e = refusal(CookieFormats.write(format, loginWith(bad), null));

    assertThat(e).as(format.id()).isNotNull();
    assertThat(e.getMessage())
        .contains("cookie nick: the value contains a character outside ASCII");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0001", "\u001B", "\t", "\u007F", "\u0085"})
  void aControlCharacterInAHeaderStringValueIsRefused(String control) {
    InvalidInputException e =
        refusal(SampleCookies.headerString() + "; ts_uid=12" + control + "34");

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("cookie ts_uid: the value contains");
  }

  @Test
  void aUserAgentWithALineBreakInQmcookieJsonIsRefused() {
    CookieMetadata meta =
        SampleCookies.fullMetadata().withUserAgent("Mozilla/5.0\r\nX-Injected: 1");
    String json =
        CookieFormats.write(
            CookieFormat.JSON, new CookieRecord(SampleCookies.qqLogin(), meta), null);

    InvalidInputException e = refusal(json);

    assertThat(e).isNotNull();
    assertThat(e.problems()).contains("metadata.userAgent contains a line break");
  }

  @Test
  void aStoredDocumentWithAnUnsafeCookieIsNotUsed() {
    String stored =
        CookieFormats.storeDocument(loginWith(Cookie.of(MusicLogin.MUSIC_KEY, KEY + "\nuin=999")));

    InvalidInputException e =
        catchThrowableOfType(
            InvalidInputException.class, () -> CookieFormats.readStoreDocument(stored));

    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .contains("import a fresh cookie")
        .contains("cookie qqmusic_key: the value contains a line break")
        .doesNotContain(KEY);
  }

  @Test
  void ordinaryValuesWithEqualsSlashesQuotesAndSpacesAreKept() {
    List<Cookie> ok = new ArrayList<>(SampleCookies.qqLogin().asList());
    ok.add(Cookie.of("spaced", "a b \"c\" =d/e|f,g"));
    String json =
        CookieFormats.write(
            CookieFormat.PLAYWRIGHT, new CookieRecord(CookieSet.of(ok), CookieMetadata.NONE), null);

    assertThat(CookieFormats.read(json).record().cookies().valueOrEmpty("spaced"))
        .isEqualTo("a b \"c\" =d/e|f,g");
  }
}
