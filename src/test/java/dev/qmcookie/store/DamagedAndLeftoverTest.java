package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import dev.qmcookie.vault.SaveSlot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged version field, cookies put aside twice, and a holder with a longer lease. */
class DamagedAndLeftoverTest {
  static final String ACCOUNT = "qmcookie:account:default";

  @AutoClose final RedisServer redis = RedisServer.started();
  @TempDir Path dir;
  @AutoClose Hosts hosts;
  Account a;

  @BeforeEach
  void open() throws Exception {
    hosts = new Hosts(redis, dir);
    a = hosts.account("host-a:1");
    a.save(SampleCookies.fullRecord());
  }

  @Test
  void aVersionThatIsNotANumberIsADamagedStoreToTakeOrSaveAndTheLeaseIsLetGo() {
    redis.raw().hset(ACCOUNT, "version", "x1");

    assertThatThrownBy(a::lockToRenew)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is damaged (its version is not a number)");
    assertThat(redis.raw().exists(ACCOUNT + ":lease")).isFalse();
    assertThatThrownBy(a::prepareSave)
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is damaged (its version is not a number)");
  }

  @Test
  void aCookiePutAsideTwiceKeepsTheFirstAndNamesTheSecond() throws Exception {
    Path first;
    Path second;
    try (SaveSlot one = a.prepareSave();
        SaveSlot two = a.prepareSave()) {
      first = one.recover(SampleCookies.fullRecord());
      second =
          two.recover(FleetRenewalTest.record(FleetRenewalTest.NEW_KEY, hosts.clock.instant()));
    }

    assertThat(first).isEqualTo(a.dir().resolve("cookie.json.recovered"));
    assertThat(second).isEqualTo(a.dir().resolve("cookie.json.recovered.2"));
    assertThat(CookieFormats.readStoreDocument(Files.readString(first)))
        .isEqualTo(SampleCookies.fullRecord());
    assertThat(CookieFormats.readStoreDocument(Files.readString(second)).login().musicKey())
        .isEqualTo(FleetRenewalTest.NEW_KEY);
  }

  @Test
  void aSkippedRenewerWaitsAtMostItsOwnLeaseTime() throws Exception {
    Account b =
        hosts
            .vault("host-b:2", hosts.open(hosts.settings("host-b:2", Duration.ofSeconds(30))))
            .account("default");

    try (AccountHold held = a.lockToRenew().orElseThrow()) { // a 5-minute lease
      assertThat(b.lockToRenew()).isEmpty();
      assertThat(b.holdLimit()).isEqualTo(Duration.ofSeconds(30));
    }
  }
}
