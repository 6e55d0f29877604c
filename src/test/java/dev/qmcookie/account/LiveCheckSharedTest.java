package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.ProfilePageFake;
import dev.qmcookie.testkit.RenewalAnswers;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import dev.qmcookie.vault.AccountRecords;
import dev.qmcookie.vault.AccountStore;
import dev.qmcookie.vault.SaveSlot;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live check of an account in a shared store never waits for another host's lease: the daemon
 * that runs it has one thread, and a store's lock waits up to two minutes.
 */
class LiveCheckSharedTest {
  static final Instant NOW = AccountRenewalTest.NOW;

  @TempDir Path tmp;
  MockWebServer server = new MockWebServer();
  HandClock clock = new HandClock(NOW);
  Account kept;
  LeasedStore store = new LeasedStore();
  LiveCheck check;

  /** A store kept in a folder vault of its own, whose lease another host may hold. */
  class LeasedStore implements AccountStore {
    volatile boolean heldElsewhere;
    // What a store's lock() does while another holds the lease: wait, here until the test ends.
    final CountDownLatch released = new CountDownLatch(1);

    @Override
    public List<String> names() {
      return List.of(kept.name());
    }

    @Override
    public AccountRecords records(String name, Path folder) {
      return new LeasedRecords();
    }

    @Override
    public AutoCloseable follow(Runnable changed) {
      return () -> {};
    }

    @Override
    public String describe() {
      return "redis://127.0.0.1:6390/0";
    }

    @Override
    public void close() {}

    final class LeasedRecords implements AccountRecords {
      @Override
      public boolean shared() {
        return true;
      }

      @Override
      public AccountHold lock() throws IOException {
        if (heldElsewhere) {
          try {
            released.await();
          } catch (InterruptedException e) {
            throw new InterruptedIOException("stopped waiting for the lease");
          }
        }
        return kept.lock();
      }

      @Override
      public Optional<AccountHold> lockToRenew() throws IOException {
        return heldElsewhere ? Optional.empty() : Optional.of(kept.lock());
      }

      @Override
      public boolean exists() {
        return kept.exists();
      }

      @Override
      public byte[] storedBytes() throws IOException {
        return kept.storedBytes();
      }

      @Override
      public CookieRecord load() throws IOException {
        return kept.load();
      }

      @Override
      public SaveSlot prepareSave() throws IOException {
        return kept.prepareSave();
      }

      @Override
      public Optional<RenewalAttempt> lastAttempt() throws IOException {
        return kept.lastAttempt();
      }

      @Override
      public void recordAttempt(RenewalAttempt attempt) throws IOException {
        kept.recordAttempt(attempt);
      }

      @Override
      public Optional<ServerCheck> lastCheck() throws IOException {
        return kept.lastCheck();
      }

      @Override
      public void recordCheck(ServerCheck check) throws IOException {
        kept.recordCheck(check);
      }

      @Override
      public List<String> problems() throws IOException {
        return kept.fileProblems();
      }
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    kept = new Vault(tmp.resolve("store"), Duration.ofSeconds(5)).account("default");
    kept.createFolders();
    kept.save(
        new CookieRecord(
            AccountRenewalTest.cookies(
                AccountRenewalTest.VAULT_KEY, NOW.minus(Duration.ofHours(2))),
            CookieMetadata.NONE.withImport(NOW.minus(Duration.ofHours(2)), "import:header")));
    check =
        new LiveCheck(
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build(),
            server.url("/check"),
            clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    store.released.countDown();
    server.close();
  }

  Account shared() {
    return new Vault(tmp.resolve("home"), Duration.ofSeconds(5), store).account("default");
  }

  @Test
  void aLeaseHeldByAnotherHostMakesTheCheckReturnAtOnceWithoutKeepingIt() throws Exception {
    store.heldElsewhere = true;
    server.enqueue(RenewalAnswers.json("{\"code\":" + ProfilePageFake.REFUSED + "}"));

    ServerCheck result =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> check.run(shared()));

    assertThat(result.refused()).isTrue();
    assertThat(kept.lastCheck()).as("the holder is storing a newer cookie").isEmpty();
  }

  @Test
  void aFreeLeaseIsTakenAndTheCheckKept() throws Exception {
    server.enqueue(RenewalAnswers.json("{\"code\":0}"));

    ServerCheck result = check.run(shared());

    assertThat(result.result()).isEqualTo(ServerCheck.Result.ACCEPTED);
    assertThat(kept.lastCheck())
        .get()
        .extracting(ServerCheck::result)
        .isEqualTo(ServerCheck.Result.ACCEPTED);
  }
}
