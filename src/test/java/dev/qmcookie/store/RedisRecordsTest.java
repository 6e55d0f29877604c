package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import dev.qmcookie.vault.SaveSlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisRecordsTest {
  @AutoClose final RedisServer redis = RedisServer.started();
  @TempDir Path dir;
  @AutoClose Hosts hosts;
  Account a;
  Account b;

  @BeforeEach
  void twoHosts() throws IOException {
    hosts = new Hosts(redis, dir);
    a = hosts.account("host-a:1");
    b = hosts.account("host-b:2");
  }

  static CookieRecord second() {
    return new CookieRecord(
        SampleCookies.qqLogin().withValue("qqmusic_key", "Q_H_L_5SECONDfakeKEY0123456789abcdefZ"),
        CookieMetadata.NONE.withRenewedAt(SampleCookies.NOW));
  }

  static CookieRecord third() {
    return new CookieRecord(
        SampleCookies.qqLogin().withValue("qqmusic_key", "Q_H_L_5THIRDfakeKEY0123456789abcdefZ"),
        CookieMetadata.NONE.withRenewedAt(SampleCookies.NOW));
  }

  @Test
  void aCookieSavedOnOneHostIsTheCookieOfEveryHost() throws Exception {
    assertThat(a.exists()).isFalse();
    assertThatThrownBy(a::storedBytes).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(a::load)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("account default has no cookie in the store " + redis.url());

    try (AccountHold hold = a.lock()) {
      a.save(SampleCookies.fullRecord());
    }

    assertThat(b.exists()).isTrue();
    assertThat(b.load()).isEqualTo(SampleCookies.fullRecord());
    assertThat(redis.raw().smembers("qmcookie:accounts")).containsExactly("default");
    assertThat(redis.raw().hget("qmcookie:account:default", "version")).isEqualTo("1");
    byte[] first = b.storedBytes();

    try (AccountHold hold = b.lock()) {
      b.save(second());
    }

    assertThat(a.load()).isEqualTo(second());
    assertThat(a.storedBytes()).isNotEqualTo(first);
    assertThat(redis.raw().hget("qmcookie:account:default", "version")).isEqualTo("2");
    assertThat(a.shared()).isTrue();
  }

  @Test
  void aWriterHoldingAnOldVersionStoresNothingAndPutsItsCookieAsideOnItsHost() throws Exception {
    a.save(SampleCookies.fullRecord());

    try (SaveSlot stale = a.prepareSave()) {
      b.save(second()); // lands first: version 2
      assertThatThrownBy(() -> stale.commit(third()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("holds version 2 of account default's cookie")
          .hasMessageContaining("since version 1 this one started from");

      Path recovered = stale.recover(third());

      assertThat(recovered).isEqualTo(a.dir().resolve("cookie.json.recovered"));
      assertThat(Files.readString(recovered)).isEqualTo(CookieFormats.storeDocument(third()));
      assertThat(Files.getPosixFilePermissions(recovered))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
    assertThat(b.load()).isEqualTo(second());
    assertThat(redis.raw().hget("qmcookie:account:default", "version")).isEqualTo("2");
  }

  @Test
  void aLeaseHolderWhoseVersionMovedSendsNothing() throws Exception {
    a.save(SampleCookies.fullRecord());
    try (AccountHold hold = a.lockToRenew().orElseThrow()) {
      // Another host wrote around the lease, as after the lease ran out.
      redis.raw().hset("qmcookie:account:default", "version", "7");

      assertThatThrownBy(a::prepareSave)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("holds version 7")
          .hasMessageContaining("since version 1");
    }
  }

  @Test
  void aHolderSavesTwiceUnderOneLease() throws Exception {
    try (AccountHold hold = a.lock()) {
      a.save(SampleCookies.fullRecord());
      a.save(second());
    }
    assertThat(b.load()).isEqualTo(second());
    assertThat(redis.raw().hget("qmcookie:account:default", "version")).isEqualTo("2");
  }

  @Test
  void attemptsAndChecksAreKeptAndTheHistoryHoldsTheLastThousand() throws Exception {
    Instant start = Instant.parse("2026-11-29T00:00:00Z");
    for (int i = 0; i < 1005; i++) {
      a.recordAttempt(
          new RenewalAttempt(
              start.plusSeconds(i), RenewalAttempt.RENEWED, 0, 10, 1, "http", "#" + i));
    }
    a.recordCheck(ServerCheck.accepted(start));

    assertThat(redis.raw().llen("qmcookie:account:default:history")).isEqualTo(1000);
    assertThat(b.lastAttempt().orElseThrow().message()).isEqualTo("#1004");
    assertThat(b.lastAttempt().orElseThrow().at()).isEqualTo(start.plusSeconds(1004));
    assertThat(b.lastCheck()).contains(ServerCheck.accepted(start));
  }
}
