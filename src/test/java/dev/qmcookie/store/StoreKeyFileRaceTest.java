package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processes of one home that open a new store at once, such as {@code login --qr} and a daemon. */
class StoreKeyFileRaceTest {
  private static final int OPENERS = 4;
  private static final int ROUNDS = 15;

  @AutoClose final RedisServer redis = RedisServer.started();
  @TempDir Path dir;

  @Test
  void openersOfOneHomeAgreeOnOneKeyFileThatOpensTheStore() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(OPENERS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        redis.raw().flushAll();
        Hosts hosts = new Hosts(redis, dir.resolve("round-" + round));
        CyclicBarrier together = new CyclicBarrier(OPENERS);
        List<Future<RedisStore>> opened = new ArrayList<>();
        for (int i = 0; i < OPENERS; i++) {
          String holder = "host-a:" + i;
          opened.add(
              pool.submit(
                  () -> {
                    together.await();
                    return RedisStore.open(hosts.settings(holder, Hosts.LEASE), hosts.clock);
                  }));
        }
        for (Future<RedisStore> store : opened) {
          store.get().close(); // each one opened the store, with whichever key won
        }

        // A late opener reads the key file left behind: it must be the store's key.
        try (RedisStore late = hosts.open("host-a:late")) {
          assertThat(late.isEmpty()).isTrue();
        } finally {
          hosts.close();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aKeyFileMadeForAMissingHomeMakesTheHomeOwnerOnly() throws Exception {
    Path home = dir.resolve("new-home");
    Hosts hosts = new Hosts(redis, home);
    try (RedisStore store = RedisStore.open(hosts.settings("host-a:1", Hosts.LEASE), hosts.clock)) {
      assertThat(store.isEmpty()).isTrue();
    }
    assertThat(Files.getPosixFilePermissions(home))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.getPosixFilePermissions(hosts.keyFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.list(home)).containsExactly(hosts.keyFile); // no temporary file left
  }
}
