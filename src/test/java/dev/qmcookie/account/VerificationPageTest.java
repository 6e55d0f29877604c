package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page {@code login} opens after the server asked for a security check. */
class VerificationPageTest {
  static final Instant NOW = AccountRenewalTest.NOW;
  static final String PAGE = "https://y.qq.com/n/verify?ticket=1";

  @TempDir Path tmp;
  Account account;

  @BeforeEach
  void setUp() throws Exception {
    account = new Vault(tmp.resolve("home"), Duration.ofSeconds(5)).account("default");
    account.createFolders();
    save(NOW.minus(Duration.ofHours(2)));
  }

  void save(Instant importedAt) throws Exception {
    account.save(
        new CookieRecord(
            AccountRenewalTest.cookies(AccountRenewalTest.VAULT_KEY, importedAt),
            CookieMetadata.NONE.withImport(importedAt, "import:header")));
  }

  void attempt(String outcome, String link) throws Exception {
    account.recordAttempt(
        new RenewalAttempt(NOW, outcome, 2001, 10, 1, "http", "verify", link, List.of("a")));
  }

  @Test
  void theServersCheckPageIsOpenedWhileTheAccountNeedsVerification() throws Exception {
    attempt(RenewalAttempt.NEEDS_VERIFICATION, PAGE);

    assertThat(VerificationPage.of(account)).hasValue(PAGE);
  }

  @Test
  void onlyAnHttpsPageOnQqComIsOpened() throws Exception {
    for (String link :
        new String[] {
          "http://y.qq.com/verify", "https://evil.example/verify", "https://qq.com.evil.example/"
        }) {
      attempt(RenewalAttempt.NEEDS_VERIFICATION, link);

      assertThat(VerificationPage.of(account)).as(link).isEmpty();
    }
  }

  @Test
  void noPageForAnotherStateOrOnceANewerCookieIsStored() throws Exception {
    attempt(RenewalAttempt.LOGIN_INVALID, PAGE);
    assertThat(VerificationPage.of(account)).isEmpty();

    attempt(RenewalAttempt.NEEDS_VERIFICATION, PAGE);
    save(NOW.plusSeconds(60));
    assertThat(VerificationPage.of(account)).isEmpty();
  }
}
