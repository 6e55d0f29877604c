package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tag the daemon reads for every account of the store twice a minute: it changes with the
 * document, whoever writes it, and costs Redis a few dozen bytes to send rather than the document.
 */
class ChangeTagTest {
  static final int READS = 50;

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

  @Test
  void theTagChangesWithEveryWriteAndWithADifferentDocumentOfTheSameVersion() throws Exception {
    assertThatThrownBy(a::changeTag).isInstanceOf(NoSuchFileException.class);
    try (AccountHold hold = a.lock()) {
      a.save(SampleCookies.fullRecord());
    }
    byte[] first = b.changeTag();
    assertThat(a.changeTag()).isEqualTo(first);

    try (AccountHold hold = b.lock()) {
      b.save(RedisRecordsTest.second());
    }
    byte[] second = a.changeTag();
    assertThat(second).isNotEqualTo(first);

    // Redis restarted empty and another document pushed: version 1 again, another document.
    redis.raw().flushAll();
    try (AccountHold hold = b.lock()) {
      b.save(RedisRecordsTest.third());
    }
    assertThat(redis.raw().hget("qmcookie:account:default", "version")).isEqualTo("1");
    assertThat(a.changeTag()).isNotEqualTo(first).isNotEqualTo(second);
  }

  @Test
  void readingTheTagDoesNotSendTheDocument() throws Exception {
    try (AccountHold hold = a.lock()) {
      a.save(SampleCookies.fullRecord());
    }
    int document = redis.raw().hget("qmcookie:account:default", "doc").length();
    long idle = sent(() -> {});

    long tags =
        sent(
            () -> {
              for (int i = 0; i < READS; i++) {
                a.changeTag();
              }
            });

    assertThat(tags - idle).isLessThan((long) READS * document / 4);
    assertThat(
            sent(
                    () -> {
                      for (int i = 0; i < READS; i++) {
                        a.storedBytes();
                      }
                    })
                - idle)
        .as("what the tag saves")
        .isGreaterThan((long) READS * document);
  }

  interface Reads {
    void run() throws IOException;
  }

  // What Redis sent its clients while {@code reads} ran, the reply to INFO included.
  private long sent(Reads reads) throws IOException {
    long before = netOutput();
    reads.run();
    return netOutput() - before;
  }

  private long netOutput() {
    return redis
        .raw()
        .info("stats")
        .lines()
        .filter(l -> l.startsWith("total_net_output_bytes:"))
        .map(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim()))
        .findFirst()
        .orElseThrow();
  }
}
