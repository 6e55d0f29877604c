package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.failure.RenewalNotSavedException;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.testkit.RenewalAnswers;
import dev.qmcookie.vault.Account;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account use case renewing through the store on two hosts, against a local fake endpoint. */
class FleetRenewalTest {
  static final String UIN = "123456789";
  static final String OLD_KEY = "Q_H_L_63k3NoldSTOREkey0000001";
  static final String NEW_KEY = "Q_H_L_63k3NrenewedKEY000000001";

  @AutoClose final RedisServer redis = RedisServer.started();
  @AutoClose final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  @AutoClose Hosts hosts;
  Account a;
  Account b;
  Instant now;

  @BeforeEach
  void twoHostsOneAccount() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    hosts = new Hosts(redis, dir);
    now = hosts.clock.instant();
    a = hosts.account("host-a:1");
    b = hosts.account("host-b:2");
    a.save(record(OLD_KEY, now.minus(Duration.ofHours(21))));
  }

  static CookieRecord record(String key, Instant created) {
    long c = created.getEpochSecond();
    CookieSet cookies =
        CookieFormats.read(
                "login_type=1; psrf_musickey_createtime="
                    + c
                    + "; uin="
                    + UIN
                    + "; qqmusic_key="
                    + key
                    + "; qm_keyst="
                    + key
                    + "; psrf_qqrefresh_token=REFRESHold000000000001;"
                    + " psrf_qqunionid=UNIONID0000000000000000001; tmeLoginType=2;"
                    + " psrf_qqaccess_token=ACCESSold0000000000001;"
                    + " psrf_qqopenid=OPENID00000000000000000001;"
                    + " psrf_access_token_expiresAt="
                    + (c + Duration.ofDays(7).toSeconds()))
            .record()
            .cookies();
    return new CookieRecord(cookies, CookieMetadata.NONE.withImport(created, "import:header"));
  }

  AccountRenewal renewal(boolean force) {
    return new AccountRenewal(
        new AccountRenewal.Settings(
            RenewalSchedule.defaults(),
            server.url("/cgi-bin/musicu.fcg"),
            force,
            false,
            AccountRenewal.Via.HTTP,
            false),
        hosts.clock,
        () -> ZoneOffset.UTC,
        d -> {},
        new OkHttpClient(),
        null,
        new Semaphore(1),
        AccountRenewal.Listener.NONE);
  }

  /** Answers success, after {@code during} has run while the renewer holds the account. */
  void answerAfter(ThrowingRunnable during) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            try {
              during.run();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            return RenewalAnswers.success(UIN, NEW_KEY, now);
          }
        });
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void twoHostsRenewingAtOnceSendOneRequestAndTheSecondSkips() throws Exception {
    Semaphore requestArrived = new Semaphore(0);
    Semaphore answer = new Semaphore(0);
    answerAfter(
        () -> {
          requestArrived.release();
          answer.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS);
        });

    CompletableFuture<AccountRenewal.Report> first =
        CompletableFuture.supplyAsync(() -> renew(a, true));
    if (!requestArrived.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS)) {
      first.get(1, java.util.concurrent.TimeUnit.SECONDS); // says why it sent nothing
    }
    AccountRenewal.Report second = renewal(true).renew(b);
    answer.release();

    assertThat(second)
        .isInstanceOfSatisfying(
            AccountRenewal.Skipped.class,
            s -> {
              assertThat(s.why()).isEqualTo("another host is renewing it (host-a:1)");
              // When the holder's lease runs out, should it die holding it.
              assertThat(s.retryAt())
                  .isBetween(now.plus(Hosts.LEASE).minusSeconds(5), now.plus(Hosts.LEASE));
            });
    assertThat(first.get()).isInstanceOf(AccountRenewal.Renewed.class);
    assertThat(b.load().login().musicKey()).isEqualTo(NEW_KEY);

    // --force on the other host just after: the renewal it asked for has landed.
    assertThat(renewal(true).renew(b)).isInstanceOf(AccountRenewal.Skipped.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRenewalWhoseVersionMovedDuringTheRequestKeepsTheNewerCookieAndPutsItsOwnAside()
      throws Exception {
    CookieRecord imported = record("Q_H_L_63k3NimportedKEY00000001", now);
    // Another host writes without the lease, as after this one's lease ran out.
    answerAfter(() -> b.save(imported));

    assertThatThrownBy(() -> renewal(true).renew(a))
        .isInstanceOf(RenewalNotSavedException.class)
        .hasMessageContaining("holds version 2 of account default's cookie")
        // A plain import: --replace would roll the newer login back.
        .hasMessageContaining("run `qmcookie import --file ")
        .hasMessageContaining("` with the same --store or $QMCOOKIE_STORE (without --replace")
        .hasMessageNotContaining("import --replace");

    assertThat(b.load()).isEqualTo(imported);
    Path recovered = a.dir().resolve("cookie.json.recovered");
    assertThat(CookieFormats.readStoreDocument(Files.readString(recovered)).login().musicKey())
        .isEqualTo(NEW_KEY);
    // The newer writer's record stands: this host's not-saved is not the store's last attempt.
    assertThat(a.lastAttempt()).isEmpty();
    assertThat(redis.raw().exists("qmcookie:account:default:lease")).isFalse();
    assertThat(List.of(server.getRequestCount())).containsExactly(1);
  }

  @Test
  void aFencedRenewalDoesNotHideTheNewerRenewalFromTheForceGap() throws Exception {
    // Host b stores a renewal of its own while host a's request is out.
    answerAfter(
        () -> {
          b.save(record("Q_H_L_63k3NotherhostKEY0000001", now));
          b.recordAttempt(
              new RenewalAttempt(now, RenewalAttempt.RENEWED, 0, 5, 1, "http", "renewed"));
        });

    assertThatThrownBy(() -> renewal(true).renew(a)).isInstanceOf(RenewalNotSavedException.class);

    assertThat(a.lastAttempt().orElseThrow().outcome()).isEqualTo("renewed");
    assertThat(renew(b, true)).isInstanceOf(AccountRenewal.Skipped.class);
  }

  @Test
  void aSaveThatFailsOtherwiseNamesTheStoreInItsImportCommand() throws Exception {
    answerAfter(() -> redis.raw().hset("qmcookie:account:default", "version", "x"));

    assertThatThrownBy(() -> renewal(true).renew(a))
        .isInstanceOf(RenewalNotSavedException.class)
        .hasMessageContaining("is damaged (its version is not a number)")
        .hasMessageContaining("run `qmcookie import --file ")
        .hasMessageContaining("` with the same --store or $QMCOOKIE_STORE (without --replace");
    assertThat(a.dir().resolve("cookie.json.recovered")).exists();
  }

  @Test
  void aRenewalTheStoreCouldNotTakeIsImportedWithoutReplaceThroughTheStore() throws Exception {
    // A short lease, so that the save's retries end soon.
    Account c =
        hosts
            .vault("host-c:3", hosts.open(hosts.settings("host-c:3", Duration.ofSeconds(2))))
            .account("default");
    answerAfter(redis::stop);

    assertThatThrownBy(() -> renewal(true).renew(c))
        .isInstanceOf(RenewalNotSavedException.class)
        // Another host may store a newer login meanwhile: --replace would roll it back.
        .hasMessageContaining("run `qmcookie import --file ")
        .hasMessageContaining("` with the same --store or $QMCOOKIE_STORE (without --replace")
        .hasMessageNotContaining("import --replace");

    Path recovered = c.dir().resolve("cookie.json.recovered");
    assertThat(CookieFormats.readStoreDocument(Files.readString(recovered)).login().musicKey())
        .isEqualTo(NEW_KEY);
    redis.start();
  }

  private AccountRenewal.Report renew(Account account, boolean force) {
    try {
      return renewal(force).renew(account);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
