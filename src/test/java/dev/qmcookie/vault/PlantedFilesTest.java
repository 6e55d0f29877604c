package dev.qmcookie.vault;

import static dev.qmcookie.vault.VaultTestSupport.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.failure.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files planted in an account folder that others could write: links are reported and never
 * followed, special files are reported and never opened, so nothing blocks while holding the lock.
 */
class PlantedFilesTest {
  private static final Duration NO_HANG = Duration.ofSeconds(10);
  private static final RenewalAttempt ATTEMPT =
      new RenewalAttempt(SampleCookies.NOW, RenewalAttempt.TRANSIENT, 0, 5, 1, "http", "x");

  @TempDir Path tmp;

  private Account account() throws Exception {
    Account account = new Vault(tmp.resolve("home"), Duration.ofSeconds(2)).account("default");
    account.save(SampleCookies.fullRecord());
    return account;
  }

  private Path outside(String content) throws Exception {
    return Files.writeString(tmp.resolve("outside"), content);
  }

  @Test
  void aHistorySymlinkIsReportedAndItsTargetNeverAppendedTo() throws Exception {
    Account account = account();
    Path target = outside("someone else's file\n");
    Path history = Files.createSymbolicLink(account.dir().resolve(Account.HISTORY_FILE), target);

    assertThatThrownBy(() -> account.recordAttempt(ATTEMPT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(history + " is damaged: it is a symbolic link");
    assertThatThrownBy(account::prepareSave).isInstanceOf(InvalidInputException.class);

    assertThat(target).hasContent("someone else's file");
  }

  @Test
  void aHistoryFifoIsReportedWithoutBlocking() throws Exception {
    Account account = account();
    Path history = SpecialFiles.fifo(account.dir().resolve(Account.HISTORY_FILE));

    assertTimeoutPreemptively(
        NO_HANG,
        () -> {
          try (AccountHold lock = account.lock()) {
            assertThatThrownBy(() -> account.recordAttempt(ATTEMPT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(history + " is damaged: it is a special file");
            assertThatThrownBy(account::prepareSave).hasMessageContaining(history.toString());
          }
        });
  }

  @Test
  void aDanglingLockSymlinkIsReportedAndDoesNotCreateItsTarget() throws Exception {
    Account account = account();
    Path target = tmp.resolve("created-through-the-link");
    Files.createSymbolicLink(account.dir().resolve(".lock"), target);

    assertThatThrownBy(account::lock)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(".lock is damaged: it is a symbolic link");

    assertThat(target).doesNotExist();
  }

  @Test
  void aLockFifoIsReportedWithoutBlocking() throws Exception {
    Account account = account();
    SpecialFiles.fifo(account.dir().resolve(".lock"));

    assertTimeoutPreemptively(
        NO_HANG,
        () ->
            assertThatThrownBy(account::lock)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(".lock is damaged: it is a special file"));
  }

  @Test
  void aCookieSymlinkIsDamagedAndReplacingItNeverCopiesItsTarget() throws Exception {
    Account account = account();
    Path target = outside("root:x:0:0:root:/root:/bin/bash\n");
    Files.delete(account.cookieFile());
    Files.createSymbolicLink(account.cookieFile(), target);

    assertThat(account.exists()).isTrue();
    assertThatThrownBy(account::load)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the stored cookie " + account.cookieFile() + " is damaged")
        .hasMessageContaining("symbolic link")
        .hasMessageNotContaining("root:x");

    // What import --replace does.
    CookieRecord replacement = new CookieRecord(SampleCookies.qqLogin(), CookieMetadata.NONE);
    try (AccountHold lock = account.lock()) {
      account.save(replacement);
    }

    assertThat(Files.isSymbolicLink(account.cookieFile())).isFalse();
    assertThat(account.load()).isEqualTo(replacement);
    assertThat(account.dir().resolve(Account.PREVIOUS_FILE)).doesNotExist();
    assertThat(target).hasContent("root:x:0:0:root:/root:/bin/bash");
  }

  @Test
  void aCookieFifoIsDamagedWithoutBlocking() throws Exception {
    Account account = account();
    Files.delete(account.cookieFile());
    SpecialFiles.fifo(account.cookieFile());

    assertTimeoutPreemptively(
        NO_HANG,
        () ->
            assertThatThrownBy(account::load)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is damaged")
                .hasMessageContaining("special file"));
  }

  @Test
  void aLastRenewalFifoOrLinkIsIgnoredWithoutBlocking() throws Exception {
    Account account = account();
    account.recordAttempt(ATTEMPT);
    Path last = account.dir().resolve(Account.LAST_RENEWAL_FILE);
    Path copy = Files.copy(last, tmp.resolve("copy-of-last"));
    Files.delete(last);
    Files.createSymbolicLink(last, copy);

    assertThat(account.lastAttempt()).isEmpty();

    Files.delete(last);
    SpecialFiles.fifo(last);
    assertTimeoutPreemptively(NO_HANG, () -> assertThat(account.lastAttempt()).isEmpty());
  }

  @Test
  void temporaryFilesOfAKilledRunAreRemovedByTheNextLockHolder() throws Exception {
    Account account = account();
    Path dir = account.dir();
    Files.writeString(dir.resolve(".cookie.json.123456.tmp"), "half a cookie");
    Files.writeString(dir.resolve(".cookie.json.prev.99.tmp"), "a whole old cookie");
    Files.writeString(dir.resolve(".last-renewal.json.7.tmp"), "{");
    Files.createSymbolicLink(dir.resolve(".cookie.json.8.tmp"), tmp.resolve("outside-kept"));
    Files.writeString(tmp.resolve("outside-kept"), "kept");
    Files.writeString(dir.resolve(".notes.tmp"), "not ours");
    Files.createDirectories(dir.resolve("profile"));

    try (AccountHold lock = account.lock()) {
      assertThat(names(dir)).containsExactly(".lock", ".notes.tmp", Account.COOKIE_FILE, "profile");
    }
    assertThat(tmp.resolve("outside-kept")).hasContent("kept");
  }

  @Test
  void reEnteringTheLockLeavesTheHoldersTemporaryFilesAlone() throws Exception {
    Account account = account();
    CookieRecord next = new CookieRecord(SampleCookies.qqLogin(), CookieMetadata.NONE);

    try (AccountHold outer = account.lock();
        SaveSlot pending = account.prepareSave()) {
      try (AccountHold inner = account.lock()) {
        // a nested holder, such as a helper that locks for itself
      }
      pending.commit(next);
    }

    assertThat(account.load()).isEqualTo(next);
  }

  @Test
  void aPreparedSaveThatIsNeverCommittedLeavesEverythingAsItWas() throws Exception {
    Account account = account();
    byte[] before = Files.readAllBytes(account.cookieFile());

    try (SaveSlot pending = account.prepareSave()) {
      assertThat(names(account.dir())).hasSize(3); // the cookie and the two temporary files
    }

    assertThat(names(account.dir())).containsExactly(Account.COOKIE_FILE);
    assertThat(Files.readAllBytes(account.cookieFile())).isEqualTo(before);
  }

  @Test
  void aCommittedSaveKeepsThePreviousVersionByteForByte() throws Exception {
    Account account = account();
    byte[] before = Files.readAllBytes(account.cookieFile());
    CookieRecord next = new CookieRecord(SampleCookies.qqLogin(), CookieMetadata.NONE);

    try (SaveSlot pending = account.prepareSave()) {
      pending.commit(next);
    }

    assertThat(names(account.dir())).containsExactly(Account.COOKIE_FILE, Account.PREVIOUS_FILE);
    assertThat(Files.readAllBytes(account.dir().resolve(Account.PREVIOUS_FILE))).isEqualTo(before);
    assertThat(Files.readString(account.cookieFile())).isEqualTo(CookieFormats.storeDocument(next));
    assertThat(Files.isRegularFile(account.cookieFile(), LinkOption.NOFOLLOW_LINKS)).isTrue();
  }
}
