package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis out of memory under noeviction answers reads and refuses writes: the daemon sees the
 * accounts and their change tags as ever, while every lease fails as the store not answering. The
 * daemon's outage handling (schedule/DaemonStoreOutageTest) rests on that split.
 */
class RefusedWritesTest {
  @AutoClose final RedisServer redis = RedisServer.started();
  @TempDir Path dir;
  Hosts hosts;
  RedisStore store;
  Account account;

  @BeforeEach
  void oneHost() throws IOException {
    hosts = new Hosts(redis, dir);
    store = hosts.open("host-a:1");
    Vault vault = hosts.vault("host-a:1", store);
    account = vault.account("default");
    try (AccountHold hold = account.lock()) {
      account.save(SampleCookies.fullRecord());
    }
  }

  @AfterEach
  void closeHosts() {
    redis.raw().configSet("maxmemory", "0");
    hosts.close();
  }

  @Test
  void readsAnswerWhileEveryLeaseIsRefusedAsTheStoreNotAnswering() throws Exception {
    byte[] tag = account.changeTag();
    redis.raw().configSet("maxmemory-policy", "noeviction");
    redis.raw().configSet("maxmemory", "1");

    assertThat(store.names()).containsExactly("default");
    assertThat(account.changeTag()).isEqualTo(tag);
    Throwable refused = catchThrowable(account::lockToRenew);

    assertThat(refused).isNotNull();
    assertThat(Verdict.STORE_UNREACHABLE.explains(refused)).as(String.valueOf(refused)).isTrue();
  }
}
