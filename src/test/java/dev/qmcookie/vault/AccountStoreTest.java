package dev.qmcookie.vault;

import static dev.qmcookie.vault.VaultTestSupport.assumePosix;
import static dev.qmcookie.vault.VaultTestSupport.mode;
import static dev.qmcookie.vault.VaultTestSupport.names;
import static dev.qmcookie.vault.VaultTestSupport.setMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.failure.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountStoreTest {
  @TempDir Path tmp;

  private Vault vault() {
    return new Vault(tmp.resolve("home"), Duration.ofSeconds(5));
  }

  private static CookieRecord second() {
    return new CookieRecord(
        SampleCookies.qqLogin().withValue("qqmusic_key", "Q_H_L_5SECONDfakeKEY0123456789abcdefZ"),
        CookieMetadata.NONE.withRenewedAt(SampleCookies.NOW));
  }

  @Test
  void saveThenLoadReturnsAnEqualRecord() throws Exception {
    Account account = vault().account("default");
    CookieRecord record = SampleCookies.fullRecord();

    assertThat(account.exists()).isFalse();
    account.save(record);

    assertThat(account.exists()).isTrue();
    assertThat(account.cookieFile())
        .isEqualTo(tmp.resolve("home").resolve("default").resolve("cookie.json"));
    assertThat(account.load()).isEqualTo(record);
    assertThat(vault().account("default").load()).isEqualTo(record);
  }

  @Test
  void theStoredFileIsTheQmcookieDocument() throws Exception {
    Account account = vault().account("default");
    CookieRecord record = SampleCookies.fullRecord();

    account.save(record);

    assertThat(Files.readString(account.cookieFile()))
        .isEqualTo(CookieFormats.storeDocument(record));
  }

  @Test
  void aSecondSaveKeepsThePreviousContentByteForByte() throws Exception {
    Account account = vault().account("default");
    account.save(SampleCookies.fullRecord());
    byte[] first = Files.readAllBytes(account.cookieFile());
    Path prev = account.dir().resolve(Account.PREVIOUS_FILE);
    assertThat(prev).doesNotExist();

    account.save(second());

    assertThat(Files.readAllBytes(prev)).isEqualTo(first);
    assertThat(account.load()).isEqualTo(second());
    byte[] secondBytes = Files.readAllBytes(account.cookieFile());

    account.save(SampleCookies.fullRecord());

    assertThat(Files.readAllBytes(prev)).isEqualTo(secondBytes);
    assertThat(account.load()).isEqualTo(SampleCookies.fullRecord());
  }

  @Test
  void savingLeavesNoTemporaryFileBehind() throws Exception {
    Account account = vault().account("default");

    account.save(SampleCookies.fullRecord());
    assertThat(names(account.dir())).containsExactly(Account.COOKIE_FILE);

    account.save(second());
    account.save(SampleCookies.fullRecord());
    assertThat(names(account.dir())).containsExactly(Account.COOKIE_FILE, Account.PREVIOUS_FILE);
  }

  @Test
  void filesAreOwnerOnlyAndTheAccountFolderToo() throws Exception {
    assumePosix();
    Account account = vault().account("default");

    account.save(SampleCookies.fullRecord());
    account.save(second());

    assertThat(mode(account.cookieFile())).isEqualTo("rw-------");
    assertThat(mode(account.dir().resolve(Account.PREVIOUS_FILE))).isEqualTo("rw-------");
    assertThat(mode(account.dir())).isEqualTo("rwx------");
  }

  @Test
  void aHomeTheVaultCreatesIsOwnerOnly() throws Exception {
    assumePosix();
    Path home = tmp.resolve("deep").resolve("home");
    Account account = new Vault(home, Duration.ofSeconds(5)).account("default");

    account.save(SampleCookies.fullRecord());

    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(mode(account.dir())).isEqualTo("rwx------");
  }

  @Test
  void anExistingHomeKeepsItsModeButTheAccountFolderIsTightened() throws Exception {
    assumePosix();
    Path home = Files.createDirectories(tmp.resolve("home"));
    setMode(home, "rwxr-xr-x");
    Path accountDir = Files.createDirectories(home.resolve("default"));
    setMode(accountDir, "rwxr-xr-x");

    vault().account("default").save(SampleCookies.fullRecord());

    assertThat(mode(home)).isEqualTo("rwxr-xr-x");
    assertThat(mode(accountDir)).isEqualTo("rwx------");
  }

  @Test
  void aWorldReadableOldCookieIsReplacedByAnOwnerOnlyOne() throws Exception {
    assumePosix();
    Account account = vault().account("default");
    account.save(SampleCookies.fullRecord());
    setMode(account.cookieFile(), "rw-r--r--");

    account.save(second());

    assertThat(mode(account.cookieFile())).isEqualTo("rw-------");
    assertThat(mode(account.dir().resolve(Account.PREVIOUS_FILE))).isEqualTo("rw-------");
  }

  @Test
  void loadingAMissingCookieSaysHowToImportOne() {
    Account account = vault().account("work.2");

    assertThatThrownBy(account::load)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("work.2")
        .hasMessageContaining("import");
    assertThat(account.dir()).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"format\":\"qmcookie\",\"version\":1,\"cookies\":[{\"name\":\"uin\",\"val",
        "not json at all",
        "[]",
        "",
        "{\"format\":\"qmcookie\",\"version\":1,\"cookies\":[{\"value\":\"nameless\",\"domain\":\".qq.com\"}]}",
        "{\"format\":\"qmcookie\",\"version\":9,\"cookies\":[]}",
      })
  void loadingADamagedCookieFailsAndLeavesTheFileUntouched(String content) throws Exception {
    Account account = vault().account("default");
    account.save(SampleCookies.fullRecord());
    Files.writeString(account.cookieFile(), content);
    byte[] before = Files.readAllBytes(account.cookieFile());

    // There is no previous version to go back to, so the message must not offer one.
    assertThatThrownBy(account::load)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("damaged")
        .hasMessageContaining("import the cookie again with --replace")
        .hasMessageNotContaining(Account.PREVIOUS_FILE);

    assertThat(Files.readAllBytes(account.cookieFile())).isEqualTo(before);
    assertThat(account.dir().resolve(Account.PREVIOUS_FILE)).doesNotExist();
  }

  @Test
  void aDamagedCookieNamesThePreviousVersionWhenThereIsOne() throws Exception {
    Account account = vault().account("default");
    account.save(SampleCookies.fullRecord());
    account.save(second());
    Files.writeString(account.cookieFile(), "not json at all");

    assertThatThrownBy(account::load)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("damaged")
        .hasMessageContaining(
            "the previous version is " + account.dir().resolve(Account.PREVIOUS_FILE));
  }

  @Test
  void loadingACookieThatIsNotUtf8IsReportedAsDamaged() throws Exception {
    Account account = vault().account("default");
    account.save(SampleCookies.fullRecord());
    byte[] garbage = {(byte) 0xff, (byte) 0xfe, '{', (byte) 0xc3};
    Files.write(account.cookieFile(), garbage);

    assertThatThrownBy(account::load)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("damaged");
    assertThat(Files.readAllBytes(account.cookieFile())).isEqualTo(garbage);
  }

  @Test
  void nonAsciiMetadataSurvivesTheStore() throws Exception {
    Account account = vault().account("default");
    CookieRecord record =
        new CookieRecord(
            SampleCookies.qqLogin(),
            SampleCookies.fullMetadata().withUserAgent("测试浏览器/1.0 (安全验证)"));

    account.save(record);

    assertThat(account.load()).isEqualTo(record);
    assertThat(new String(Files.readAllBytes(account.cookieFile()), StandardCharsets.UTF_8))
        .contains("测试浏览器");
  }
}
