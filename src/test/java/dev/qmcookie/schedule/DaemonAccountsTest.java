package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.account.ProfileReader;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.Vault;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Semaphore;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the daemon makes of a renewal: the outcome it logs and hands to hooks, with its exit code.
 */
class DaemonAccountsTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String PROFILE_KEY = "Q_H_L_63k3NnewPROFILEkey00001";

  @TempDir Path home;
  MockWebServer server = new MockWebServer();
  Vault vault;
  Account account;

  @BeforeEach
  void setUp() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    // Refused in both shapes: auto sends the other shape once before believing the refusal.
    for (int shape = 0; shape < 2; shape++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .setHeader("Content-Type", "application/json")
              .body("{\"code\":0,\"req1\":{\"code\":104401,\"data\":{}}}")
              .build());
    }
    vault = new Vault(home, Duration.ofSeconds(5));
    account = vault.account("default");
    account.createFolders();
    account.save(
        new CookieRecord(
            cookies("Q_H_L_63k3NoldVAULTkey0000001", NOW.minus(Duration.ofHours(21))),
            CookieMetadata.NONE.withImport(NOW, "import:header")));
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  @Test
  void aRefusedLoginThatTheProfileReplacesIsARenewalViaTheBrowser() throws Exception {
    Files.createDirectories(account.browserProfile());

    Outcome outcome = daemonAccounts().renew("default");

    assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(Outcome.Kind.RENEWED);
    assertThat(outcome.via()).isEqualTo("browser");
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.message()).isEqualTo("renewed via browser").doesNotContain(PROFILE_KEY);
    assertThat(server.getRequestCount())
        .as("a refused login is sent once in the other shape, and not retried over HTTP")
        .isEqualTo(2);
    assertThat(account.load().login().musicKey()).isEqualTo(PROFILE_KEY);
  }

  @Test
  void aRefusedLoginWithoutAProfileIsALostLoginWithExitThree() throws Exception {
    Outcome outcome = daemonAccounts().renew("default");

    assertThat(outcome.kind()).isEqualTo(Outcome.Kind.NEEDS_LOGIN);
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.message()).contains("104401");
  }

  @ParameterizedTest(name = "code {0}")
  @CsvSource({
    "2001,  NEEDS_LOGIN, 3, needs-verification, -1",
    "20450, NEEDS_LOGIN, 3, account-problem,    -1",
    "20279, TRANSIENT,   4, device-limit,       60",
    "104604, TRANSIENT,  4, too-frequent,       16",
    "-100,  TRANSIENT,   4, due,                -1"
  })
  void eachVerdictBecomesTheOutcomesStateAndItsWaitOutlivesARestart(
      int code, Outcome.Kind kind, int exit, String state, int waitMinutes) throws Exception {
    Files.createDirectories(account.browserProfile());
    try (MockWebServer other = new MockWebServer()) {
      other.start(InetAddress.getLoopbackAddress(), 0);
      for (int i = 0; i < 3; i++) {
        other.enqueue(
            new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body("{\"code\":" + code + "}")
                .build());
      }

      Outcome outcome = daemonAccounts(other.url("/cgi-bin/musicu.fcg")).renew("default");

      assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(kind);
      assertThat(outcome.exitCode()).isEqualTo(exit);
      assertThat(outcome.state()).isEqualTo(state);
      assertThat(outcome.message()).contains("code " + code);
      // Only a refused login is worth a look in the browser profile.
      assertThat(account.load().login().musicKey()).isNotEqualTo(PROFILE_KEY);
      // A daemon started now reads the wait from the history.
      AccountView view = daemonAccounts().view("default");
      assertThat(view.notBefore())
          .isEqualTo(waitMinutes < 0 ? null : NOW.plus(Duration.ofMinutes(waitMinutes)));
      assertThat(view.needsLogin()).isEqualTo(exit == 3);
    }
  }

  DaemonAccounts daemonAccounts() {
    return daemonAccounts(server.url("/cgi-bin/musicu.fcg"));
  }

  DaemonAccounts daemonAccounts(okhttp3.HttpUrl endpoint) {
    ProfileReader profile =
        a ->
            new ProfileReader.ProfileLogin(
                cookies(PROFILE_KEY, NOW.minus(Duration.ofMinutes(5))), "TestBrowser/1.0");
    AccountRenewal renewal =
        new AccountRenewal(
            new AccountRenewal.Settings(
                RenewalSchedule.defaults(), endpoint, false, false, AccountRenewal.Via.HTTP, true),
            Clock.fixed(NOW, ZoneOffset.UTC),
            () -> ZoneOffset.UTC,
            d -> {},
            new OkHttpClient(),
            profile,
            new Semaphore(1),
            AccountRenewal.Listener.NONE);
    return new DaemonAccounts(
        vault,
        RenewalSchedule.defaults(),
        renewal,
        Clock.fixed(NOW, ZoneOffset.UTC),
        ExportAccess.OWNER_ONLY);
  }

  static CookieSet cookies(String key, Instant created) {
    long c = created.getEpochSecond();
    return CookieFormats.read(
            "login_type=1; psrf_musickey_createtime="
                + c
                + "; uin=123456789; qqmusic_key="
                + key
                + ";"
                + " qm_keyst="
                + key
                + "; psrf_qqrefresh_token=REFRESHold000000000001; tmeLoginType=2;"
                + " psrf_qqaccess_token=ACCESSold0000000000001; psrf_qqopenid=OPENID00000000000000000001;"
                + " psrf_qqunionid=UNIONID0000000000000000001")
        .record()
        .cookies();
  }
}
