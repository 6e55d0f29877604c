package dev.qmcookie.schedule;

import static dev.qmcookie.schedule.DaemonAccountsTest.NOW;
import static dev.qmcookie.schedule.DaemonAccountsTest.cookies;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.account.LiveCheck;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.ProfilePageFake;
import dev.qmcookie.testkit.RenewalAnswers;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.Vault;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Semaphore;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's hands for the live check: the check itself, and the renewal a refusal asks for. */
class DaemonAccountsCheckTest {
  static final String KEY = "Q_H_L_63k3NfreshVAULTkey00001";
  final HandClock clock = new HandClock(NOW);

  @TempDir Path home;
  MockWebServer renewals = new MockWebServer();
  MockWebServer page = new MockWebServer();
  ProfilePageFake fake = new ProfilePageFake(KEY);
  Vault vault;
  Account account;

  @BeforeEach
  void setUp() throws Exception {
    renewals.start(InetAddress.getLoopbackAddress(), 0);
    page.setDispatcher(fake);
    page.start(InetAddress.getLoopbackAddress(), 0);
    vault = new Vault(home, Duration.ofSeconds(5));
    account = vault.account("default");
    account.save(
        new CookieRecord(
            cookies(KEY, NOW.minus(Duration.ofHours(2))),
            CookieMetadata.NONE.withImport(NOW.minus(Duration.ofHours(2)), "import:header")));
  }

  @AfterEach
  void tearDown() throws Exception {
    renewals.close();
    page.close();
  }

  DaemonAccounts plain() {
    AccountRenewal renewal =
        new AccountRenewal(
            new AccountRenewal.Settings(
                RenewalSchedule.defaults(),
                renewals.url("/cgi-bin/musicu.fcg"),
                false,
                false,
                AccountRenewal.Via.HTTP,
                false),
            clock,
            () -> ZoneOffset.UTC,
            d -> {},
            new OkHttpClient(),
            a -> {
              throw new AssertionError("no browser here");
            },
            new Semaphore(1),
            AccountRenewal.Listener.NONE);
    return new DaemonAccounts(
        vault, RenewalSchedule.defaults(), renewal, clock, ExportAccess.OWNER_ONLY);
  }

  DaemonAccounts checking() {
    return plain().checkingWith(new LiveCheck(new OkHttpClient(), page.url("/check"), clock));
  }

  @Test
  void withoutALiveCheckNothingIsAsked() {
    assertThat(plain().checks()).isFalse();
    assertThat(plain().check("default")).isEmpty();
    assertThat(page.getRequestCount()).isZero();
  }

  @Test
  void aCheckIsKeptAndLeavesTheCookieAsItWas() throws Exception {
    byte[] before = account.storedBytes();
    fake.logOut(KEY);

    DaemonAccounts accounts = checking();

    assertThat(accounts.checks()).isTrue();
    assertThat(accounts.check("default")).contains(ServerCheck.refused(NOW, 1000));
    assertThat(account.lastCheck()).contains(ServerCheck.refused(NOW, 1000));
    assertThat(account.storedBytes()).isEqualTo(before);
    assertThat(accounts.view("default").needsLogin()).isTrue();
  }

  @Test
  void anUnreadableAccountIsAnUnknownCheckNotAnException() throws Exception {
    Files.writeString(account.cookieFile(), "not a cookie");

    ServerCheck result = checking().check("default").orElseThrow();

    assertThat(result.result()).isEqualTo(ServerCheck.Result.UNKNOWN);
    assertThat(result.reason()).contains("damaged");
  }

  @Test
  void renewingNowSendsARenewalThatTheDueTimeWouldNot() throws Exception {
    fake.logOut(KEY);
    DaemonAccounts accounts = checking();
    accounts.check("default");
    clock.advance(Duration.ofSeconds(1));
    renewals.enqueue(
        RenewalAnswers.success("123456789", "Q_H_L_63k3NnewKEY0000000001", clock.instant()));

    assertThat(accounts.renew("default").kind()).isEqualTo(Outcome.Kind.NEEDS_LOGIN);
    assertThat(renewals.getRequestCount()).isZero();

    Outcome now = accounts.renewNow("default");

    assertThat(now.kind()).as(now.toString()).isEqualTo(Outcome.Kind.RENEWED);
    assertThat(renewals.getRequestCount()).isEqualTo(1);
    assertThat(accounts.view("default").needsLogin())
        .as("the renewed cookie is newer than the refusal")
        .isFalse();
  }

  @Test
  void theViewTellsANeedsLoginOnlyACheckSaidFromOneARenewalSaid() throws Exception {
    fake.logOut(KEY);
    DaemonAccounts accounts = checking();
    accounts.check("default");

    assertThat(accounts.view("default").refusedAtCheck()).isTrue();

    clock.advance(Duration.ofSeconds(1));
    renewals.enqueue(RenewalAnswers.code(0, 1000));
    renewals.enqueue(RenewalAnswers.code(0, 1000));
    accounts.renewNow("default");

    AccountView refusedByTheRenewal = accounts.view("default");
    assertThat(refusedByTheRenewal.needsLogin()).isTrue();
    assertThat(refusedByTheRenewal.refusedAtCheck()).isFalse();
  }
}
