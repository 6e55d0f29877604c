package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.failure.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class VaultTest {
  @TempDir Path tmp;

  private Vault vault() {
    return new Vault(tmp.resolve("home"), Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "../x",
        "a/b",
        "",
        "..",
        ".",
        ".hidden",
        "-x",
        "_x",
        "a b",
        "a\\b",
        "a:b",
        "name\n",
        "ü",
        "/abs",
        "x/../../etc"
      })
  void rejectsNamesThatAreNotPlainFolderNames(String name) {
    assertThatThrownBy(() -> vault().account(name))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("account name")
        .hasMessageContaining("1 to 64");
  }

  @Test
  void rejectsNamesLongerThan64Characters() {
    String name = "a".repeat(65);

    assertThatThrownBy(() -> vault().account(name)).isInstanceOf(InvalidInputException.class);
    assertThat(vault().account("a".repeat(64)).name()).hasSize(64);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "work.2", "A_b-c.9", "0", "x..y"})
  void acceptsPlainNamesAsFoldersDirectlyUnderTheHome(String name) {
    Account account = vault().account(name);

    assertThat(account.name()).isEqualTo(name);
    assertThat(account.dir()).isEqualTo(tmp.resolve("home").resolve(name));
    assertThat(account.dir().getParent()).isEqualTo(vault().home());
  }

  @Test
  void accountsListsOnlyFoldersThatHoldACookieSortedByName() throws Exception {
    Vault vault = vault();
    vault.account("zeta").save(SampleCookies.fullRecord());
    vault.account("alpha").save(SampleCookies.fullRecord());
    vault.account("work.2").save(SampleCookies.fullRecord());
    Files.createDirectories(vault.home().resolve("empty"));
    vault
        .account("historyonly")
        .recordAttempt(
            new dev.qmcookie.cookie.RenewalAttempt(
                SampleCookies.NOW, "transient", 0, 1, 1, "http", "x"));
    Files.writeString(vault.home().resolve("file-not-folder"), "x");
    Files.createDirectories(vault.home().resolve("bad name"));
    Files.writeString(vault.home().resolve("bad name").resolve(Account.COOKIE_FILE), "{}");
    Files.createDirectories(vault.home().resolve("dirinstead").resolve(Account.COOKIE_FILE));

    assertThat(vault.accounts())
        .extracting(Account::name)
        .containsExactly("alpha", "work.2", "zeta");
  }

  @Test
  void accountsOfAMissingHomeIsEmptyAndCreatesNothing() throws Exception {
    Vault vault = vault();

    assertThat(vault.accounts()).isEmpty();
    assertThat(vault.home()).doesNotExist();
  }

  @Test
  void anAccountFolderOthersCanWriteOrACookieOfAnotherUserIsRefusedWhenUsed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("home").resolve("shared"));
    Files.writeString(dir.resolve("cookie.json"), "{}");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path cookie =
        Files.writeString(
            Files.createDirectories(tmp.resolve("home").resolve("planted")).resolve("cookie.json"),
            "{}");
    OtherUser.give(cookie);

    assertThatThrownBy(() -> vault().account("shared").load())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("chmod go-w " + dir.toRealPath());
    assertThatThrownBy(() -> vault().account("shared").lock())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("chmod go-w " + dir.toRealPath());
    assertThatThrownBy(() -> vault().account("planted").load())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(cookie.toRealPath() + " is owned by nobody");
    // Listed all the same, so that --all and the daemon report them one by one and go on.
    assertThat(vault().accounts()).extracting(Account::name).containsExactly("planted", "shared");
  }
}
