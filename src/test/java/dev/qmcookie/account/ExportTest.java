package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.Vault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export use case: the stored cookie in another tool's format, to the terminal or to files. */
class ExportTest {
  @TempDir Path tmp;
  Account account;

  @BeforeEach
  void setUp() throws Exception {
    account = new Vault(tmp.resolve("home"), Duration.ofSeconds(5)).account("default");
    account.createFolders();
    account.save(
        new CookieRecord(
            AccountRenewalTest.cookies(
                AccountRenewalTest.VAULT_KEY, AccountRenewalTest.NOW.minus(Duration.ofHours(30))),
            CookieMetadata.NONE.withImport(AccountRenewalTest.NOW, "import:header")));
  }

  @Test
  void theCurrentCookieComesWithTheStatusItWasReadWith() throws Exception {
    Export.Exported exported =
        Export.current(account, CookieFormat.byId("header"), AccountRenewalTest.NOW);

    assertThat(exported.text()).contains("qqmusic_key=" + AccountRenewalTest.VAULT_KEY);
    assertThat(exported.status().state()).isEqualTo(AccountState.EXPIRED);
  }

  @Test
  void everyTargetGetsItsFormatOwnerOnly() throws Exception {
    Path header = tmp.resolve("out/tencent");
    Path json = tmp.resolve("out/cookie.json");
    Files.createDirectories(header.getParent());

    List<Path> written =
        Export.toTargets(
            account,
            List.of(
                new Export.Target(CookieFormat.byId("header"), header),
                new Export.Target(CookieFormat.byId("json"), json)),
            ExportAccess.OWNER_ONLY);

    assertThat(written).containsExactly(header, json);
    assertThat(Files.readString(header))
        .contains("qqmusic_key=" + AccountRenewalTest.VAULT_KEY)
        .doesNotContain("{");
    assertThat(Files.readString(json)).startsWith("{").contains(AccountRenewalTest.VAULT_KEY);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(header)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(json)))
        .isEqualTo("rw-------");
  }
}
