package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieSet;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.testkit.RenewalAnswers;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser fallback's decisions, with a fake profile reader instead of Chromium and a local fake
 * renewal endpoint: when the profile is read, when its login is stored, and what is recorded.
 */
class AccountRenewalTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String UIN = "123456789";
  static final String VAULT_KEY = "Q_H_L_63k3NoldVAULTkey0000001";
  static final String PROFILE_KEY = "Q_H_L_63k3NnewPROFILEkey00001";
  static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0";

  @TempDir Path home;
  MockWebServer server = new MockWebServer();
  Account account;
  FakeProfile profile;
  Semaphore browserTurn = new Semaphore(1);
  List<String> heard = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    account = new Vault(home, Duration.ofSeconds(5)).account("default");
    store(VAULT_KEY, NOW.minus(Duration.ofHours(21)));
    profile = new FakeProfile(cookies(PROFILE_KEY, NOW.minus(Duration.ofMinutes(5))));
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  @Test
  void aRefusedLoginIsReplacedByTheNewerOneInTheProfile() throws Exception {
    Files.createDirectories(account.browserProfile());
    refuseBothShapes();

    AccountRenewal.Report report = renewal(AccountRenewal.Via.HTTP, true, false).renew(account);

    assertThat(report)
        .isInstanceOfSatisfying(
            AccountRenewal.Renewed.class,
            r -> {
              assertThat(r.via()).isEqualTo(AccountRenewal.Via.BROWSER);
              assertThat(r.record().login().musicKey()).isEqualTo(PROFILE_KEY);
            });
    assertThat(server.getRequestCount())
        .as("a refused login is sent once in the other shape, and not retried over HTTP")
        .isEqualTo(2);
    assertThat(profile.reads).isEqualTo(1);
    assertThat(profile.turnsLeftWhileReading)
        .as("the read holds the run's browser turn")
        .containsExactly(0);
    assertThat(browserTurn.availablePermits()).as("and gives it back").isEqualTo(1);
    assertThat(heard)
        .singleElement()
        .asString()
        .startsWith("trying profile after: ")
        .contains("104401");
    assertThat(account.load().login().musicKey()).isEqualTo(PROFILE_KEY);
    assertThat(account.load().metadata().source()).isEqualTo("renew:browser");
    assertThat(account.load().metadata().userAgent()).isEqualTo(USER_AGENT);
    RenewalAttempt last = account.lastAttempt().orElseThrow();
    assertThat(last.via()).isEqualTo("browser");
    assertThat(last.outcome()).isEqualTo(RenewalAttempt.RENEWED);
  }

  @Test
  void theStoredUserAgentOutlivesAFallbackThroughTheHeadlessProfile() throws Exception {
    account.save(
        new CookieRecord(
            cookies(VAULT_KEY, NOW.minus(Duration.ofHours(21))),
            CookieMetadata.NONE
                .withImport(NOW, "login:browser")
                .withUserAgent("HeadedBrowser/2.0")));
    Files.createDirectories(account.browserProfile());
    refuseBothShapes();

    renewal(AccountRenewal.Via.HTTP, true, false).renew(account);

    assertThat(account.load().login().musicKey()).isEqualTo(PROFILE_KEY);
    assertThat(account.load().metadata().userAgent()).isEqualTo("HeadedBrowser/2.0");
  }

  @Test
  void withoutTheFallbackTheRefusalStandsAndTheProfileIsNotRead() throws Exception {
    Files.createDirectories(account.browserProfile());
    refuseBothShapes();

    assertThatThrownBy(() -> renewal(AccountRenewal.Via.HTTP, false, false).renew(account))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("104401");

    assertThat(profile.reads).isZero();
    assertThat(account.load().login().musicKey()).isEqualTo(VAULT_KEY);
    assertThat(account.lastAttempt().orElseThrow().via()).isEqualTo("http");
  }

  @Test
  void anAccountWithoutAProfileKeepsTheRefusal() throws Exception {
    refuseBothShapes();

    assertThatThrownBy(() -> renewal(AccountRenewal.Via.HTTP, true, false).renew(account))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("104401");

    assertThat(profile.reads).isZero();
    assertThat(heard).isEmpty();
    assertThat(account.load().login().musicKey()).isEqualTo(VAULT_KEY);
  }

  @Test
  void aProfileWhoseLoginIsOlderThanTheStoredOneChangesNothing() throws Exception {
    Files.createDirectories(account.browserProfile());
    profile = new FakeProfile(cookies(PROFILE_KEY, NOW.minus(Duration.ofHours(22))));
    refuseBothShapes();

    assertThatThrownBy(() -> renewal(AccountRenewal.Via.HTTP, true, false).renew(account))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("no newer working login")
        .hasMessageContaining("qmcookie login");

    assertThat(profile.reads).isEqualTo(1);
    assertThat(account.load().login().musicKey()).isEqualTo(VAULT_KEY);
    RenewalAttempt last = account.lastAttempt().orElseThrow();
    assertThat(last.via()).isEqualTo("browser");
    assertThat(last.outcome()).isEqualTo(RenewalAttempt.LOGIN_INVALID);
    assertThat(browserTurn.availablePermits()).isEqualTo(1);
  }

  @Test
  void aProfileThatIsNotLoggedInLeavesTheStoredCookieAsItWas() throws Exception {
    Files.createDirectories(account.browserProfile());
    profile =
        new FakeProfile(
            CookieFormats.read("pgv_pvid=8403187130; ts_last=y.qq.com/").record().cookies());
    refuseBothShapes();

    assertThatThrownBy(() -> renewal(AccountRenewal.Via.HTTP, true, false).renew(account))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("not logged in");

    assertThat(account.load().login().musicKey()).isEqualTo(VAULT_KEY);
    assertThat(account.lastAttempt().orElseThrow().outcome())
        .isEqualTo(RenewalAttempt.LOGIN_INVALID);
    assertThat(browserTurn.availablePermits()).isEqualTo(1);
  }

  @Test
  void viaBrowserReadsTheProfileAndSendsNoRequest() throws Exception {
    Files.createDirectories(account.browserProfile());

    AccountRenewal.Report report = renewal(AccountRenewal.Via.BROWSER, true, false).renew(account);

    assertThat(report)
        .isInstanceOfSatisfying(
            AccountRenewal.Renewed.class,
            r -> assertThat(r.via()).isEqualTo(AccountRenewal.Via.BROWSER));
    assertThat(server.getRequestCount()).isZero();
    assertThat(heard).isEmpty();
    assertThat(account.load().login().musicKey()).isEqualTo(PROFILE_KEY);
  }

  @Test
  void viaBrowserWithoutAProfileAsksForALoginAndReadsNothing() throws Exception {
    assertThatThrownBy(() -> renewal(AccountRenewal.Via.BROWSER, true, false).renew(account))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("has no browser profile yet: run qmcookie login first");

    assertThat(profile.reads).isZero();
    assertThat(server.getRequestCount()).isZero();
    assertThat(account.load().login().musicKey()).isEqualTo(VAULT_KEY);
  }

  @Test
  void anExpiredKeyGoesStraightToTheProfile() throws Exception {
    store(VAULT_KEY, NOW.minus(Duration.ofHours(30)));
    Files.createDirectories(account.browserProfile());

    AccountRenewal.Report report = renewal(AccountRenewal.Via.HTTP, true, false).renew(account);

    assertThat(report).isInstanceOf(AccountRenewal.Renewed.class);
    assertThat(server.getRequestCount()).as("an expired key is not sent").isZero();
    assertThat(heard).singleElement().asString().contains("expired");
    assertThat(account.load().login().musicKey()).isEqualTo(PROFILE_KEY);
  }

  @Test
  void aDryRunNeitherReadsTheProfileNorSends() throws Exception {
    store(VAULT_KEY, NOW.minus(Duration.ofHours(30)));
    Files.createDirectories(account.browserProfile());

    AccountRenewal.Report report = renewal(AccountRenewal.Via.HTTP, true, true).renew(account);

    assertThat(report).isInstanceOf(AccountRenewal.DryRun.class);
    assertThat(profile.reads).isZero();
    assertThat(server.getRequestCount()).isZero();
    assertThat(account.load().login().musicKey()).isEqualTo(VAULT_KEY);
  }

  @Test
  void anHttpRenewalReportsItsTriesAndDurationAsValues() throws Exception {
    server.enqueue(success("Q_H_L_63k3NrenewedKEY000000001", NOW));

    AccountRenewal.Report report = renewal(AccountRenewal.Via.HTTP, true, false).renew(account);

    assertThat(report)
        .isInstanceOfSatisfying(
            AccountRenewal.Renewed.class,
            r -> {
              assertThat(r.via()).isEqualTo(AccountRenewal.Via.HTTP);
              assertThat(r.tries()).isEqualTo(1);
              assertThat(r.took()).isNotNull();
              assertThat(r.record().login().musicKey()).isEqualTo("Q_H_L_63k3NrenewedKEY000000001");
            });
    assertThat(profile.reads).isZero();
  }

  @Test
  void aRecordedRefusalStopsTheNextRenewalBeforeAnyRequestAndNamesForce() throws Exception {
    refuseBothShapes();
    assertThatThrownBy(() -> renewal(AccountRenewal.Via.HTTP, false, false).renew(account))
        .isInstanceOf(LoginInvalidException.class);
    int sent = server.getRequestCount();

    assertThatThrownBy(() -> renewal(AccountRenewal.Via.HTTP, false, false).renew(account))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageStartingWith("the server refused this login at ")
        .hasMessageEndingWith(
            " (code 104401): log in again and import the new cookie (or --force to try anyway)");
    assertThat(server.getRequestCount()).isEqualTo(sent);
  }

  AccountRenewal renewal(AccountRenewal.Via via, boolean fallback, boolean dryRun) {
    AccountRenewal.Settings settings =
        new AccountRenewal.Settings(
            RenewalSchedule.defaults(),
            server.url("/cgi-bin/musicu.fcg"),
            false,
            dryRun,
            via,
            fallback);
    AccountRenewal.Listener listener =
        new AccountRenewal.Listener() {
          @Override
          public void tryingProfile(String name, LoginInvalidException httpFailure) {
            heard.add("trying profile after: " + httpFailure.getMessage());
          }

          @Override
          public void historyNotWritten(String name, Exception why) {
            heard.add("history not written: " + why);
          }
        };
    return new AccountRenewal(
        settings,
        Clock.fixed(NOW, ZoneOffset.UTC),
        () -> ZoneOffset.UTC,
        d -> {},
        new OkHttpClient(),
        profile,
        browserTurn,
        listener);
  }

  void store(String key, Instant created) throws Exception {
    account.createFolders();
    account.save(
        new CookieRecord(
            cookies(key, created), CookieMetadata.NONE.withImport(NOW, "import:header")));
  }

  static CookieSet cookies(String key, Instant created) {
    long c = created.getEpochSecond();
    String header =
        "login_type=1; psrf_musickey_createtime="
            + c
            + "; euin=oKoAoFAKEoc7Nv**; uin="
            + UIN
            + ";"
            + " qqmusic_key="
            + key
            + "; qm_keyst="
            + key
            + "; psrf_qqrefresh_token=REFRESHold000000000001;"
            + " psrf_qqunionid=UNIONID0000000000000000001; tmeLoginType=2;"
            + " psrf_qqaccess_token=ACCESSold0000000000001; psrf_qqopenid=OPENID00000000000000000001;"
            + " psrf_access_token_expiresAt="
            + (c + Duration.ofDays(7).toSeconds());
    return CookieFormats.read(header).record().cookies();
  }

  // Auto shape sends the other shape once after a login-invalid code.
  void refuseBothShapes() {
    server.enqueue(refused());
    server.enqueue(refused());
  }

  static MockResponse refused() {
    return RenewalAnswers.code(0, 104401);
  }

  static MockResponse success(String newKey, Instant created) {
    return RenewalAnswers.success(UIN, newKey, created);
  }

  /** A profile that holds {@code cookies}. */
  final class FakeProfile implements ProfileReader {
    final CookieSet cookies;
    int reads;
    final List<Integer> turnsLeftWhileReading = new ArrayList<>();

    FakeProfile(CookieSet cookies) {
      this.cookies = cookies;
    }

    @Override
    public ProfileLogin read(Account a) {
      reads++;
      turnsLeftWhileReading.add(browserTurn.availablePermits());
      return new ProfileLogin(cookies, USER_AGENT);
    }
  }
}
