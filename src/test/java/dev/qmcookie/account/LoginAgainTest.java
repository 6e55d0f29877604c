package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.qrlogin.QqQrLogin;
import dev.qmcookie.qrlogin.WeChatQrLogin;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command that logs an account in again names the way its login came in. */
class LoginAgainTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path home;

  @ParameterizedTest
  @CsvSource({
    QqQrLogin.SOURCE + ", qmcookie login --qr --account alice",
    WeChatQrLogin.SOURCE + ", qmcookie login --qr --wechat --account alice",
    "login:browser, qmcookie login --account alice",
    "import:header, qmcookie login --account alice"
  })
  void theStoredSourceChoosesTheCommand(String source, String command) throws Exception {
    Account account = new Vault(home, Duration.ofSeconds(5)).account("alice");
    account.createFolders();
    CookieRecord login =
        CookieFormats.read("uin=123456789; qqmusic_key=Q_H_L_63k3NloginAGAINkey0001").record();
    account.save(
        new CookieRecord(login.cookies(), new CookieMetadata(null, null, null, NOW, null, source)));

    assertThat(LoginAgain.command(account)).isEqualTo(command);
  }

  @Test
  void anAccountWithoutACookieIsToldTheBrowserLogin() {
    Account account = new Vault(home, Duration.ofSeconds(5)).account("bob");

    assertThat(LoginAgain.command(account)).isEqualTo("qmcookie login --account bob");
  }
}
