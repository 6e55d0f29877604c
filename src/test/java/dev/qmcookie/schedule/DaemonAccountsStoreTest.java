package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import dev.qmcookie.vault.AccountRecords;
import dev.qmcookie.vault.AccountStore;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.SaveSlot;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the daemon makes of a renewal through a shared store: an account another host holds is
 * skipped until that hold runs out, and a store that does not answer is a passing fault of its own
 * state; the daemon follows the store's feed.
 */
class DaemonAccountsStoreTest {
  static final Instant NOW = DaemonAccountsTest.NOW;
  static final Duration HOLD = Duration.ofMinutes(3);
  static final String DOWN = "the store redis://127.0.0.1:6390/0 does not answer";

  @TempDir Path home;
  @TempDir Path storeDir;
  MockWebServer server = new MockWebServer();
  Vault kept;
  HeldStore store;

  /**
   * A store whose records are kept in a folder vault of their own; another host holds every
   * account, and the store can be made to stop answering.
   */
  class HeldStore implements AccountStore {
    volatile boolean down;
    volatile Runnable follower;
    // Reads of the whole document for telling a change apart, which the daemon leaves to changeTag.
    final AtomicInteger documentReads = new AtomicInteger();

    @Override
    public List<String> names() throws IOException {
      answer();
      return kept.accounts().stream().map(Account::name).toList();
    }

    @Override
    public AccountRecords records(String name, Path folder) {
      return new HeldRecords(kept.account(name));
    }

    @Override
    public AutoCloseable follow(Runnable changed) {
      follower = changed;
      return () -> follower = null;
    }

    @Override
    public String describe() {
      return "redis://127.0.0.1:6390/0";
    }

    @Override
    public void close() {}

    void answer() throws IOException {
      if (down) {
        throw new IOException(
            "cannot reach the store",
            new TransientFailureException(DOWN, 0, Verdict.STORE_UNREACHABLE, null));
      }
    }

    final class HeldRecords implements AccountRecords {
      private final Account account;

      HeldRecords(Account account) {
        this.account = account;
      }

      @Override
      public Optional<AccountHold> lockToRenew() throws IOException {
        answer();
        return Optional.empty();
      }

      @Override
      public String holder() {
        return "host-b:4121";
      }

      @Override
      public Duration holdLimit() {
        return HOLD;
      }

      @Override
      public boolean shared() {
        return true;
      }

      @Override
      public boolean exists() {
        return account.exists();
      }

      @Override
      public byte[] storedBytes() throws IOException {
        answer();
        documentReads.incrementAndGet();
        return account.storedBytes();
      }

      @Override
      public byte[] changeTag() throws IOException {
        answer();
        return account.storedBytes();
      }

      @Override
      public CookieRecord load() throws IOException {
        answer();
        return account.load();
      }

      @Override
      public AccountHold lock() throws IOException {
        answer();
        return account.lock();
      }

      @Override
      public SaveSlot prepareSave() throws IOException {
        answer();
        return account.prepareSave();
      }

      @Override
      public Optional<RenewalAttempt> lastAttempt() throws IOException {
        answer();
        return account.lastAttempt();
      }

      @Override
      public void recordAttempt(RenewalAttempt attempt) throws IOException {
        answer();
        account.recordAttempt(attempt);
      }

      @Override
      public Optional<ServerCheck> lastCheck() throws IOException {
        answer();
        return account.lastCheck();
      }

      @Override
      public void recordCheck(ServerCheck check) throws IOException {
        answer();
        account.recordCheck(check);
      }

      @Override
      public List<String> problems() throws IOException {
        return account.fileProblems();
      }
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    kept = new Vault(storeDir, Duration.ofSeconds(5));
    Account account = kept.account("default");
    account.createFolders();
    account.save(
        new CookieRecord(
            DaemonAccountsTest.cookies(
                "Q_H_L_63k3NoldVAULTkey0000001", NOW.minus(Duration.ofHours(21))),
            CookieMetadata.NONE.withImport(NOW, "import:header")));
    store = new HeldStore();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  @Test
  void anAccountAnotherHostHoldsIsSkippedUntilItsHoldRunsOut() {
    Outcome outcome =
        daemonAccounts(new Vault(home, Duration.ofSeconds(5), store)).renew("default");

    assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(Outcome.Kind.SKIPPED);
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.message()).isEqualTo("another host is renewing it (host-b:4121)");
    assertThat(outcome.retryAt()).isEqualTo(NOW.plus(HOLD));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aStoreThatDoesNotAnswerIsAPassingFaultInItsOwnStateWithTheStoresWords() {
    store.down = true;

    Outcome outcome =
        daemonAccounts(new Vault(home, Duration.ofSeconds(5), store)).renew("default");

    assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(Outcome.Kind.TRANSIENT);
    assertThat(outcome.exitCode()).isEqualTo(4);
    assertThat(outcome.state()).isEqualTo("store-unreachable");
    assertThat(outcome.message()).isEqualTo(DOWN);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theDaemonFollowsTheStoreAndOnlyAStore() throws Exception {
    DaemonAccounts shared = daemonAccounts(new Vault(home, Duration.ofSeconds(5), store));
    DaemonAccounts local = daemonAccounts(new Vault(home, Duration.ofSeconds(5)));
    AtomicInteger told = new AtomicInteger();

    assertThat(shared.shared()).isTrue();
    assertThat(local.shared()).isFalse();
    assertThat(shared.storeName()).isEqualTo("redis://127.0.0.1:6390/0");
    assertThat(local.storeName()).isNull();
    try (AutoCloseable feed = shared.follow(told::incrementAndGet)) {
      store.follower.run();
    }
    assertThat(told).hasValue(1);
    assertThat(store.follower).as("closed with the daemon").isNull();
    assertThat(shared.fingerprint("default")).isEqualTo(shared.view("default").fingerprint());
  }

  @Test
  void theDaemonTellsAChangeByTheStoresCheapTagNotByReadingTheDocument() throws Exception {
    DaemonAccounts shared = daemonAccounts(new Vault(home, Duration.ofSeconds(5), store));

    String fingerprint = shared.fingerprint("default");
    shared.view("default");

    assertThat(fingerprint).isEqualTo(shared.view("default").fingerprint());
    assertThat(store.documentReads).hasValue(0);
  }

  DaemonAccounts daemonAccounts(Vault vault) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    AccountRenewal renewal =
        new AccountRenewal(
            new AccountRenewal.Settings(
                RenewalSchedule.defaults(),
                server.url("/cgi-bin/musicu.fcg"),
                false,
                false,
                AccountRenewal.Via.HTTP,
                true),
            clock,
            () -> ZoneOffset.UTC,
            d -> {},
            new OkHttpClient(),
            a -> null,
            new Semaphore(1),
            AccountRenewal.Listener.NONE);
    return new DaemonAccounts(
        vault, RenewalSchedule.defaults(), renewal, clock, ExportAccess.OWNER_ONLY);
  }
}
