package dev.qmcookie.vault;

import static dev.qmcookie.vault.VaultTestSupport.assumePosix;
import static dev.qmcookie.vault.VaultTestSupport.mode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code last-check.json}: the last live check, kept beside the cookie without touching it. */
class AccountCheckFileTest {
  @TempDir Path tmp;

  Account account() {
    return new Vault(tmp.resolve("home"), Duration.ofSeconds(5)).account("default");
  }

  @Test
  void theLastCheckIsKeptOwnerOnlyAndTheCookieIsUntouched() throws Exception {
    assumePosix();
    Account account = account();
    account.save(SampleCookies.fullRecord());
    byte[] cookie = Files.readAllBytes(account.cookieFile());
    assertThat(account.lastCheck()).isEmpty();

    account.recordCheck(ServerCheck.unknown(SampleCookies.NOW, 0, "timed out"));
    ServerCheck refused = ServerCheck.refused(SampleCookies.NOW.plusSeconds(60), 1000);
    account.recordCheck(refused);

    assertThat(account().lastCheck()).contains(refused);
    Path file = account.dir().resolve(Account.LAST_CHECK_FILE);
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.readAllBytes(account.cookieFile())).isEqualTo(cookie);
  }

  @Test
  void aDamagedCheckFileIsNoCheck() throws Exception {
    Account account = account();
    account.createFolders();
    Files.writeString(account.dir().resolve(Account.LAST_CHECK_FILE), "{\"result\":");

    assertThat(account.lastCheck()).isEmpty();
  }

  @Test
  void aLinkInPlaceOfTheCheckFileIsRefused() throws Exception {
    assumePosix();
    Account account = account();
    account.createFolders();
    Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "keep");
    Files.createSymbolicLink(account.dir().resolve(Account.LAST_CHECK_FILE), elsewhere);

    assertThatThrownBy(() -> account.recordCheck(ServerCheck.accepted(SampleCookies.NOW)))
        .isInstanceOf(InvalidInputException.class);
    assertThat(Files.readString(elsewhere)).isEqualTo("keep");
  }
}
