package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
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

/**
 * Copying accounts between two vaults, here two folder homes: the seam keeps the transfer the same
 * whichever side is a shared store.
 */
class StoreTransferTest {
  static final Instant NOW = AccountRenewalTest.NOW;
  static final String OLDER_KEY = "Q_H_L_63k3NoldOLDERkey00000001";
  static final String NEWER_KEY = "Q_H_L_63k3NnewNEWERkey00000001";

  @TempDir Path tmp;
  Vault source;
  Vault target;

  @BeforeEach
  void setUp() {
    source = new Vault(tmp.resolve("source"), Duration.ofSeconds(5));
    target = new Vault(tmp.resolve("target"), Duration.ofSeconds(5));
  }

  static CookieRecord login(String key, Instant created) {
    return new CookieRecord(
        AccountRenewalTest.cookies(key, created),
        CookieMetadata.NONE.withImport(NOW, "import:header"));
  }

  static void store(Vault vault, String name, CookieRecord record) throws Exception {
    Account account = vault.account(name);
    account.createFolders();
    account.save(record);
  }

  private List<StoreTransfer.Result> transfer(boolean force, String... names) throws Exception {
    List<StoreTransfer.Result> told = new ArrayList<>();
    List<StoreTransfer.Result> results =
        new StoreTransfer(source, "the folders", target, "the store", force)
            .run(List.of(names), told::add);
    assertThat(told).isEqualTo(results);
    return results;
  }

  @Test
  void everyAccountIsCopiedOwnerOnlyWithItsLastAttemptAndCheck() throws Exception {
    store(source, "alice", login(OLDER_KEY, NOW.minus(Duration.ofHours(3))));
    store(source, "bob", login(NEWER_KEY, NOW.minus(Duration.ofHours(1))));
    RenewalAttempt attempt =
        new RenewalAttempt(NOW, "renewed", 0, 120, 1, "http", "renewed", null, List.of("a"));
    source.account("alice").recordAttempt(attempt);
    source.account("alice").recordCheck(ServerCheck.accepted(NOW));

    List<StoreTransfer.Result> results = transfer(false);

    assertThat(results)
        .extracting(StoreTransfer.Result::account, StoreTransfer.Result::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice", StoreTransfer.Outcome.COPIED),
            org.assertj.core.groups.Tuple.tuple("bob", StoreTransfer.Outcome.COPIED));
    assertThat(target.account("alice").load().login().musicKey()).isEqualTo(OLDER_KEY);
    assertThat(target.account("bob").load().login().musicKey()).isEqualTo(NEWER_KEY);
    assertThat(target.account("alice").lastAttempt()).contains(attempt);
    assertThat(target.account("alice").lastCheck()).contains(ServerCheck.accepted(NOW));
    Path cookie = target.account("alice").cookieFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie)))
        .isEqualTo("rw-------");
  }

  @Test
  void aSecondRunFindsEveryAccountUnchangedAndWritesNothing() throws Exception {
    store(source, "alice", login(OLDER_KEY, NOW.minus(Duration.ofHours(3))));
    source
        .account("alice")
        .recordAttempt(
            new RenewalAttempt(NOW, "renewed", 0, 120, 1, "http", "renewed", null, List.of("a")));
    transfer(false);
    Path dir = target.account("alice").dir();
    byte[] cookie = Files.readAllBytes(dir.resolve(Account.COOKIE_FILE));
    List<String> history = Files.readAllLines(dir.resolve(Account.HISTORY_FILE));
    var modified = Files.getLastModifiedTime(dir.resolve(Account.COOKIE_FILE));

    List<StoreTransfer.Result> again = transfer(false);

    assertThat(again)
        .singleElement()
        .extracting(StoreTransfer.Result::outcome)
        .isEqualTo(StoreTransfer.Outcome.UNCHANGED);
    assertThat(Files.readAllBytes(dir.resolve(Account.COOKIE_FILE))).isEqualTo(cookie);
    assertThat(Files.getLastModifiedTime(dir.resolve(Account.COOKIE_FILE))).isEqualTo(modified);
    assertThat(Files.exists(dir.resolve(Account.PREVIOUS_FILE))).isFalse();
    assertThat(Files.readAllLines(dir.resolve(Account.HISTORY_FILE))).isEqualTo(history);
  }

  @Test
  void aTargetWithANewerLoginIsRefusedNamingBothKeyTimesAndForce() throws Exception {
    Instant older = NOW.minus(Duration.ofHours(5));
    Instant newer = NOW.minus(Duration.ofHours(1));
    store(source, "alice", login(OLDER_KEY, older));
    store(target, "alice", login(NEWER_KEY, newer));
    byte[] before = Files.readAllBytes(target.account("alice").cookieFile());

    List<StoreTransfer.Result> results = transfer(false, "alice");

    StoreTransfer.Result refused = results.get(0);
    assertThat(refused.outcome()).isNull();
    assertThat(refused.failure())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("account alice")
        .hasMessageContaining(older.toString())
        .hasMessageContaining(newer.toString())
        .hasMessageContaining("--force");
    assertThat(Files.readAllBytes(target.account("alice").cookieFile())).isEqualTo(before);
  }

  @Test
  void forceOverwritesANewerLogin() throws Exception {
    store(source, "alice", login(OLDER_KEY, NOW.minus(Duration.ofHours(5))));
    store(target, "alice", login(NEWER_KEY, NOW.minus(Duration.ofHours(1))));

    List<StoreTransfer.Result> results = transfer(true, "alice");

    assertThat(results.get(0).outcome()).isEqualTo(StoreTransfer.Outcome.COPIED);
    assertThat(target.account("alice").load().login().musicKey()).isEqualTo(OLDER_KEY);
  }

  @Test
  void anOlderTargetIsReplacedWithoutForce() throws Exception {
    store(source, "alice", login(NEWER_KEY, NOW.minus(Duration.ofHours(1))));
    store(target, "alice", login(OLDER_KEY, NOW.minus(Duration.ofHours(5))));

    List<StoreTransfer.Result> results = transfer(false, "alice");

    assertThat(results.get(0).outcome()).isEqualTo(StoreTransfer.Outcome.COPIED);
    assertThat(target.account("alice").load().login().musicKey()).isEqualTo(NEWER_KEY);
  }

  @Test
  void oneAccountsFailureLeavesTheOthersCopied() throws Exception {
    store(source, "bob", login(NEWER_KEY, NOW.minus(Duration.ofHours(1))));

    List<StoreTransfer.Result> results = transfer(false, "alice", "bob");

    assertThat(results.get(0).failure())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the folders holds no account alice");
    assertThat(results.get(1).outcome()).isEqualTo(StoreTransfer.Outcome.COPIED);
    assertThat(target.account("alice").exists()).isFalse();
  }

  @Test
  void anEmptySourceIsBadInput() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> transfer(false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the folders holds no accounts");
  }
}
