package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.failure.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A pasted or exported cookie becomes a login to store: its qq.com part, if it can be renewed. */
class ImportedLoginTest {
  static final CookieSet LOGIN =
      AccountRenewalTest.cookies(
          AccountRenewalTest.VAULT_KEY, AccountRenewalTest.NOW.minus(Duration.ofHours(1)));

  @Test
  void cookiesOfOtherSitesAreLeftOutAndCounted() {
    String netscape =
        CookieFormats.write(
                CookieFormat.byId("netscape"), new CookieRecord(LOGIN, CookieMetadata.NONE), null)
            + ".example.com\tTRUE\t/\tFALSE\t0\ttracker\tabc\n"
            + ".github.com\tTRUE\t/\tTRUE\t0\tsession\txyz\n";

    ImportedLogin imported =
        ImportedLogin.of(netscape, "  TestBrowser/1.0 ", AccountRenewalTest.NOW);

    assertThat(imported.format().id()).isEqualTo("netscape");
    assertThat(imported.ignored()).isEqualTo(2);
    assertThat(imported.record().cookies().size()).isEqualTo(LOGIN.size());
    assertThat(imported.login().musicKey()).isEqualTo(AccountRenewalTest.VAULT_KEY);
    assertThat(imported.record().metadata().source()).isEqualTo("import:netscape");
    assertThat(imported.record().metadata().importedAt()).isEqualTo(AccountRenewalTest.NOW);
    assertThat(imported.record().metadata().userAgent()).isEqualTo("TestBrowser/1.0");
  }

  @Test
  void aCookieWithoutARenewableLoginIsRefused() {
    assertThatThrownBy(
            () ->
                ImportedLogin.of(
                    "pgv_pvid=8403187130; ts_last=y.qq.com/", null, AccountRenewalTest.NOW))
        .isInstanceOf(InvalidInputException.class);
  }
}
