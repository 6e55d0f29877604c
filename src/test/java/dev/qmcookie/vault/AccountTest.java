package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.TransientFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  @TempDir Path tmp;

  static CookieRecord record(String key) {
    return new CookieRecord(
        CookieSet.of(List.of(Cookie.of("uin", "123"), Cookie.of("qqmusic_key", key))),
        CookieMetadata.NONE.withImport(NOW, "import:header"));
  }

  Vault vault(Duration lockTimeout) {
    return new Vault(tmp.resolve("home"), lockTimeout);
  }

  static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void saveKeepsThePreviousVersionAndOwnerOnlyModes() throws Exception {
    Account account = vault(Duration.ofSeconds(1)).account("default");
    account.save(record("Q_H_L_first"));
    byte[] first = Files.readAllBytes(account.cookieFile());

    account.save(record("Q_H_L_second"));

    assertThat(account.load().login().musicKey()).isEqualTo("Q_H_L_second");
    assertThat(account.dir().resolve("cookie.json.prev")).hasBinaryContent(first);
    assertThat(perms(tmp.resolve("home"))).isEqualTo("rwx------");
    assertThat(perms(account.dir())).isEqualTo("rwx------");
    assertThat(perms(account.cookieFile())).isEqualTo("rw-------");
    assertThat(perms(account.dir().resolve("cookie.json.prev"))).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(account.dir())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cookie.json", "cookie.json.prev");
    }
  }

  @Test
  void anExistingHomeKeepsItsOwnersMode() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-x---"));

    vault(Duration.ofSeconds(1)).account("default").save(record("Q_H_L_k"));

    assertThat(perms(home)).isEqualTo("rwxr-x---");
  }

  @Test
  void aMissingOrDamagedCookieIsInvalidInputAndLeftAlone() throws Exception {
    Account account = vault(Duration.ofSeconds(1)).account("default");
    assertThatThrownBy(account::load).isInstanceOf(InvalidInputException.class).hasMessageContaining("import");

    Files.createDirectories(account.dir());
    Files.writeString(account.cookieFile(), "{\"format\":\"qmcookie\",\"cook");
    assertThatThrownBy(account::load).isInstanceOf(InvalidInputException.class);
    assertThat(account.cookieFile()).hasContent("{\"format\":\"qmcookie\",\"cook");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/b", "", ".hidden", "-flag", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
  void badAccountNamesAreRefused(String name) {
    assertThatThrownBy(() -> vault(Duration.ofSeconds(1)).account(name)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void accountsAreTheFoldersThatHoldACookieSorted() throws Exception {
    Vault vault = vault(Duration.ofSeconds(1));
    vault.account("zed").save(record("Q_H_L_z"));
    vault.account("work.2").save(record("Q_H_L_w"));
    Files.createDirectories(tmp.resolve("home/empty"));

    assertThat(vault.accounts()).extracting(Account::name).containsExactly("work.2", "zed");
  }

  @Test
  void attemptsGoToTheHistoryAndTheLastRenewal() throws Exception {
    Account account = vault(Duration.ofSeconds(1)).account("default");
    RenewalAttempt refused = new RenewalAttempt(NOW, RenewalAttempt.LOGIN_INVALID, 104401, 812, 1, "http", "refused");
    RenewalAttempt renewed = new RenewalAttempt(NOW.plusSeconds(60), RenewalAttempt.RENEWED, 0, 300, 2, "http", "renewed");

    account.recordAttempt(refused);
    account.recordAttempt(renewed);

    List<String> lines = Files.readAllLines(account.dir().resolve("history.jsonl"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"outcome\":\"login-invalid\"").contains("\"code\":104401").contains("812");
    assertThat(account.lastAttempt()).hasValue(renewed);
    assertThat(perms(account.dir().resolve("history.jsonl"))).isEqualTo("rw-------");
  }

  @Test
  void aSecondLockerWaitsAndGivesUpAfterItsTimeout() throws Exception {
    Account holderView = vault(Duration.ofSeconds(5)).account("default");
    Account waiterView = vault(Duration.ofMillis(300)).account("default");
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> {
      try (AccountLock lock = holderView.lock()) {
        held.countDown();
        release.await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    holder.start();
    assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(waiterView::lock).isInstanceOf(TransientFailureException.class).hasMessageContaining("busy");

    AtomicBoolean got = new AtomicBoolean();
    Thread waiter = new Thread(() -> {
      try (AccountLock lock = holderView.lock()) {
        got.set(true);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    waiter.start();
    release.countDown();
    waiter.join(10_000);
    holder.join(10_000);
    assertThat(got).isTrue();
  }

  @Test
  void anAtomicWriteTightensAnOldLooseFile() throws Exception {
    Path file = tmp.resolve("tencent");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    AtomicFile.write(file, "new");

    assertThat(file).hasContent("new");
    assertThat(perms(file)).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(file);
    }
  }
}
