package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A login stored by import, login or capture, then checked with the server. */
class NewLoginTest {
  static final Instant NOW = AccountRenewalTest.NOW;

  @TempDir Path home;
  Account account;
  List<String> checked = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    account = new Vault(home, Duration.ofSeconds(5)).account("default");
  }

  @Test
  void theStoredLoginIsCheckedAfterItIsStored() throws Exception {
    CookieRecord record = record("Q_H_L_63k3NfirstKEY000000001");

    NewLogin.Stored stored =
        new NewLogin(
                a -> {
                  checked.add(a.load().login().musicKey());
                  return ServerCheck.refused(NOW, 1000);
                })
            .store(account, record, false, NOW);

    assertThat(checked)
        .as("the check sees the new login")
        .containsExactly(record.login().musicKey());
    assertThat(stored.check().refused()).isTrue();
    assertThat(stored.checkFailure()).isNull();
    assertThat(stored.checked()).isTrue();
    assertThat(stored.status().account()).isEqualTo("default");
    assertThat(account.load().login().musicKey()).isEqualTo(record.login().musicKey());
  }

  @Test
  void aCheckThatCannotBeAskedLeavesTheLoginStored() throws Exception {
    CookieRecord record = record("Q_H_L_63k3NfirstKEY000000001");

    NewLogin.Stored stored =
        new NewLogin(
                a -> {
                  throw new SocketTimeoutException("timeout");
                })
            .store(account, record, false, NOW);

    assertThat(stored.check()).isNull();
    assertThat(stored.checkFailure()).isInstanceOf(SocketTimeoutException.class);
    assertThat(stored.checked()).isTrue();
    assertThat(account.load().login().musicKey()).isEqualTo(record.login().musicKey());
  }

  @Test
  void withoutACheckNothingIsAsked() throws Exception {
    NewLogin.Stored stored =
        new NewLogin(null).store(account, record("Q_H_L_63k3NfirstKEY000000001"), false, NOW);

    assertThat(stored.checked()).isFalse();
    assertThat(account.exists()).isTrue();
  }

  @Test
  void aLoginTheGuardRefusesIsNeitherStoredNorChecked() throws Exception {
    new NewLogin(null).store(account, record("Q_H_L_63k3NfirstKEY000000001"), false, NOW);
    CookieRecord older =
        new CookieRecord(
            AccountRenewalTest.cookies("Q_H_L_63k3NolderKEY000000001", NOW.minusSeconds(7200)),
            CookieMetadata.NONE.withImport(NOW, "import:header"));

    assertThatThrownBy(
            () ->
                new NewLogin(
                        a -> {
                          checked.add(a.name());
                          return ServerCheck.accepted(NOW);
                        })
                    .store(account, older, false, NOW))
        .isInstanceOf(InvalidInputException.class);
    assertThat(checked).isEmpty();
    assertThat(account.load().login().musicKey()).isEqualTo("Q_H_L_63k3NfirstKEY000000001");
  }

  @Test
  void overAnUnreadableCookieOnlyAStillUnreadableOneIsReplaced() throws Exception {
    account.createFolders();
    Files.writeString(account.cookieFile(), "{ not a cookie");
    Files.setPosixFilePermissions(
        account.cookieFile(), PosixFilePermissions.fromString("rw-------"));
    new NewLogin(null).storeOverUnreadable(account, record("Q_H_L_63k3NfirstKEY000000001"), NOW);
    assertThat(account.load().login().musicKey()).isEqualTo("Q_H_L_63k3NfirstKEY000000001");

    // Readable by now (as if another login had landed meanwhile): the guard holds again.
    CookieRecord older =
        new CookieRecord(
            AccountRenewalTest.cookies("Q_H_L_63k3NolderKEY000000001", NOW.minusSeconds(7200)),
            CookieMetadata.NONE.withImport(NOW, "import:header"));
    assertThatThrownBy(() -> new NewLogin(null).storeOverUnreadable(account, older, NOW))
        .isInstanceOf(InvalidInputException.class);
    assertThat(account.load().login().musicKey()).isEqualTo("Q_H_L_63k3NfirstKEY000000001");
  }

  static CookieRecord record(String key) throws IOException {
    return new CookieRecord(
        AccountRenewalTest.cookies(key, NOW.minusSeconds(60)),
        CookieMetadata.NONE.withImport(NOW, "import:header"));
  }
}
