package dev.qmcookie.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.account.NewLogin;
import dev.qmcookie.browser.UserAgents;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.qrlogin.QrImage;
import dev.qmcookie.qrlogin.QrLogin;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.schedule.EventLog;
import dev.qmcookie.selftest.SimulatedQrLogin;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.ToLocalFake;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's QR logins for the page, against the simulated QQ and WeChat login servers. */
class DaemonQrLoginsTest {
  static final Instant START = Instant.ofEpochSecond(SimulatedQrLogin.KEY_CREATE_TIME + 60);
  static final String UA = "Mozilla/5.0 (X11; Linux x86_64) qmcookie-test";

  @TempDir Path home;
  final HandClock clock = new HandClock(START);
  final List<QrLoginView> changes = new CopyOnWriteArrayList<>();
  final List<String> checked = new CopyOnWriteArrayList<>();
  SimulatedQrLogin fake;
  Vault vault;
  DaemonQrLogins logins;

  @BeforeEach
  void start() throws IOException {
    fake = new SimulatedQrLogin();
    vault = new Vault(home, Duration.ofSeconds(5));
    OkHttpClient client =
        new OkHttpClient.Builder().addInterceptor(new ToLocalFake(fake.port())).build();
    logins =
        new DaemonQrLogins(
            vault,
            weChat -> QrLogin.overHttp(weChat, client, clock, clock::advance, UA),
            new NewLogin(
                account -> {
                  checked.add(account.name());
                  return ServerCheck.accepted(clock.instant());
                }),
            clock,
            DaemonQrLogins.TIMEOUT,
            changes::add);
  }

  @AfterEach
  void stop() {
    logins.close();
    fake.close();
  }

  QrLoginView finished(String id) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      QrLoginView view = logins.view(id).orElseThrow();
      if (List.of("refused", "timeout", "failed", "done").contains(view.state())) {
        return view;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the flow did not end: " + logins.view(id));
  }

  // Each state once where it repeats: a new code or the storing step keep the state.
  List<String> states(String id) {
    List<String> states = new ArrayList<>();
    for (QrLoginView v : changes) {
      if (v.flow().equals(id)
          && (states.isEmpty() || !states.get(states.size() - 1).equals(v.state()))) {
        states.add(v.state());
      }
    }
    return states;
  }

  AccountState stateOf(Account account) throws IOException {
    return AccountStatus.of(
            account.name(), account.load(), null, RenewalSchedule.defaults(), clock.instant())
        .state();
  }

  @Test
  void aConfirmedQqLoginIsStoredFreshAndCheckedAfterTheStatesInOrder() throws Exception {
    fake.qqStates("66", "67", "0");

    String id = logins.start("music", false);
    QrLoginView done = finished(id);

    assertThat(done.state()).isEqualTo("done");
    assertThat(done.kind()).isEqualTo("qq");
    assertThat(done.account()).isEqualTo("music");
    assertThat(done.message()).contains("the server accepts the new login");
    assertThat(states(id)).containsExactly("starting", "waiting", "scanned", "done");
    Account account = vault.account("music");
    assertThat(account.load().login().uin()).isEqualTo(SimulatedQrLogin.UIN);
    assertThat(account.load().login().musicKey()).isEqualTo(SimulatedQrLogin.QQ_KEY);
    assertThat(stateOf(account)).isEqualTo(AccountState.FRESH);
    assertThat(checked).containsExactly("music");
    QrImage image = logins.image(id).orElseThrow();
    assertThat(image.mediaType()).isEqualTo("image/png");
    assertThat(image.bytes()).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void anExpiredCodeIsFollowedByANewVersionOfTheImage() throws Exception {
    fake.qqStates("66", "65", "66", "67", "0");

    String id = logins.start("music", false);
    QrLoginView done = finished(id);

    assertThat(done.state()).isEqualTo("done");
    assertThat(done.qrVersion()).isEqualTo(2);
    assertThat(fake.codesShown()).isEqualTo(2);
    assertThat(states(id))
        .containsExactly("starting", "waiting", "expired", "waiting", "scanned", "done");
    assertThat(
            changes.stream()
                .filter(v -> v.state().equals("expired"))
                .findFirst()
                .orElseThrow()
                .qrVersion())
        .as("the expired state names the code that expired")
        .isEqualTo(1);
  }

  @Test
  void aWeChatLoginShowsAJpegAndIsStored() throws Exception {
    String id = logins.start("wx", true);
    QrLoginView done = finished(id);

    assertThat(done.state()).isEqualTo("done");
    assertThat(done.kind()).isEqualTo("wechat");
    assertThat(logins.image(id).orElseThrow().mediaType()).isEqualTo("image/jpeg");
    assertThat(vault.account("wx").load().login().musicKey()).isEqualTo(SimulatedQrLogin.WX_KEY);
  }

  @Test
  void aLoginRefusedOnThePhoneStoresNothing() throws Exception {
    fake.qqStates("66", "67", "68");

    String id = logins.start("music", false);
    QrLoginView refused = finished(id);

    assertThat(refused.state()).isEqualTo("refused");
    assertThat(refused.message()).contains("refused on the phone");
    assertThat(vault.account("music").exists()).isFalse();
    assertThat(checked).isEmpty();
  }

  @Test
  void aCodeNeverConfirmedTimesOutAndStoresNothing() throws Exception {
    fake.qqStates("66");

    String id = logins.start("music", false);
    QrLoginView timedOut = finished(id);

    assertThat(timedOut.state()).isEqualTo("timeout");
    assertThat(timedOut.message()).contains("3 minutes").contains("nothing was stored");
    assertThat(vault.account("music").exists()).isFalse();
  }

  @Test
  void aLostLoginOfTheSameUinIsReplacedByTheNewOne() throws Exception {
    Account account = vault.account("music");
    save(
        account,
        record(
            SimulatedQrLogin.UIN,
            "Q_H_L_63k3NoldLOSTkey000000001",
            START.minus(Duration.ofDays(9))));
    assertThat(stateOf(account)).isNotEqualTo(AccountState.FRESH);

    QrLoginView done = finished(logins.start("music", false));

    assertThat(done.state()).isEqualTo("done");
    assertThat(account.load().login().musicKey()).isEqualTo(SimulatedQrLogin.QQ_KEY);
    assertThat(stateOf(account)).isEqualTo(AccountState.FRESH);
  }

  @Test
  void aCookieThatCannotBeReadIsReplacedAndKeptAsThePreviousOne() throws Exception {
    Account account = vault.account("music");
    account.createFolders();
    Files.writeString(account.cookieFile(), "{ not a cookie");
    Files.setPosixFilePermissions(
        account.cookieFile(), PosixFilePermissions.fromString("rw-------"));

    QrLoginView done = finished(logins.start("music", false));

    assertThat(done.state()).as(done.message()).isEqualTo("done");
    assertThat(account.load().login().musicKey()).isEqualTo(SimulatedQrLogin.QQ_KEY);
    assertThat(account.dir().resolve(Account.PREVIOUS_FILE)).hasContent("{ not a cookie");
  }

  @Test
  void anotherUinsLoginNeverReplacesTheAccount() throws Exception {
    Account account = vault.account("music");
    save(
        account,
        record("123456789", "Q_H_L_63k3NotherUINkey0000001", START.minus(Duration.ofDays(9))));
    byte[] before = Files.readAllBytes(account.cookieFile());

    QrLoginView failed = finished(logins.start("music", false));

    assertThat(failed.state()).isEqualTo("failed");
    assertThat(failed.message()).contains("another account").contains("nothing was stored");
    assertThat(failed.message()).doesNotContain(SimulatedQrLogin.UIN).doesNotContain("123456789");
    assertThat(Files.readAllBytes(account.cookieFile())).isEqualTo(before);
    assertThat(checked).isEmpty();
  }

  @Test
  void aSecondStartForTheSameAccountNamesTheRunningFlow() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DaemonQrLogins held =
        new DaemonQrLogins(
            vault,
            weChat ->
                (listener, timeout) -> {
                  running.countDown();
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  throw new LoginInvalidException("refused", 68);
                },
            new NewLogin(null),
            clock,
            DaemonQrLogins.TIMEOUT,
            v -> {});
    try {
      String first = held.start("music", false);
      running.await(10, TimeUnit.SECONDS);

      assertThatThrownBy(() -> held.start("music", true))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(first);
      String other = held.start("other", false);
      assertThat(other).isNotEqualTo(first).hasSizeGreaterThanOrEqualTo(22);
      assertThatThrownBy(() -> held.start("third", false))
          .as("at most two flows at once")
          .isInstanceOf(TransientFailureException.class);

      release.countDown();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!held.view(first).orElseThrow().state().equals("refused") && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertThat(held.view(first).orElseThrow().state()).isEqualTo("refused");
      assertThat(held.start("music", false))
          .as("a finished flow lets the account start again")
          .isNotEqualTo(first);
    } finally {
      release.countDown();
      held.close();
    }
  }

  @Test
  void finishedFlowsAreForgottenAfterTenMinutes() throws Exception {
    fake.qqStates("66", "67", "68");
    String id = finished(logins.start("music", false)).flow();

    clock.advance(Duration.ofMinutes(9));
    assertThat(logins.view(id)).isPresent();
    clock.advance(Duration.ofMinutes(2));
    assertThat(logins.view(id)).isEmpty();
    assertThat(logins.image(id)).isEmpty();
  }

  @Test
  void theDaemonsFlowsSendTheQrLoginUaAndLogEachStateWithoutTheIdOrAKey() throws Exception {
    StringWriter text = new StringWriter();
    OkHttpClient client =
        new OkHttpClient.Builder().addInterceptor(new ToLocalFake(fake.port())).build();
    try (DaemonQrLogins daemons =
        new DaemonQrLogins(
            vault,
            DaemonQrLogins.Flows.overHttp(client, clock, clock::advance),
            new NewLogin(null),
            clock,
            DaemonQrLogins.TIMEOUT,
            DaemonQrLogins.eventLog(
                new EventLog(new PrintWriter(text, true), EventLog.Format.TEXT, clock)))) {
      String id = daemons.start("music", false);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!daemons.view(id).orElseThrow().state().equals("done") && System.nanoTime() < end) {
        Thread.sleep(10);
      }

      assertThat(fake.userAgents()).containsExactly(UserAgents.QR_LOGIN);
      assertThat(text.toString())
          .contains("qr-login account=music kind=qq state=starting")
          .containsOnlyOnce("state=waiting")
          .contains("state=scanned")
          .contains("qr-login account=music kind=qq state=done")
          .doesNotContain(id)
          .doesNotContain(SimulatedQrLogin.QQ_KEY)
          .doesNotContain(SimulatedQrLogin.REFRESH_KEY);
    }
  }

  @Test
  void beyondTheKeptLimitTheOldestFinishedFlowsAreForgottenFirst() throws Exception {
    DaemonQrLogins refusing =
        new DaemonQrLogins(
            vault,
            weChat ->
                (listener, timeout) -> {
                  throw new LoginInvalidException("refused", 68);
                },
            new NewLogin(null),
            clock,
            DaemonQrLogins.TIMEOUT,
            v -> {});
    try (refusing) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < DaemonQrLogins.KEPT_LIMIT + 3; i++) {
        String id = refusing.start("account" + i, false);
        ids.add(id);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (refusing.view(id).map(v -> !v.state().equals("refused")).orElse(false)
            && System.nanoTime() < end) {
          Thread.sleep(5);
        }
      }

      // Three flows too many, each forgotten by the next call once it had ended.
      assertThat(ids.subList(0, 3)).allMatch(id -> refusing.view(id).isEmpty());
      assertThat(ids.subList(3, ids.size())).allMatch(id -> refusing.view(id).isPresent());
    }
  }

  @Test
  void aStartOnceTheDaemonStopsIsRefusedAndLeavesNoFlow() {
    logins.close();

    assertThatThrownBy(() -> logins.start("music", false))
        .isInstanceOf(TransientFailureException.class)
        .hasMessageContaining("stopping");
    assertThat(changes).isEmpty();
    assertThatThrownBy(() -> logins.start("music", false))
        .as("no flow was left running for the account")
        .isInstanceOf(TransientFailureException.class);
  }

  @Test
  void closingThePageEndsARunningFlowAndRefusesLaterStarts() throws Exception {
    fake.qqStates("66");
    OkHttpClient client =
        new OkHttpClient.Builder().addInterceptor(new ToLocalFake(fake.port())).build();
    // Polls in real time on a clock that stands still: the code waits until it is interrupted.
    logins.close();
    logins =
        new DaemonQrLogins(
            vault,
            weChat -> QrLogin.overHttp(weChat, client, clock, d -> Thread.sleep(20), UA),
            new NewLogin(account -> ServerCheck.accepted(clock.instant())),
            clock,
            DaemonQrLogins.TIMEOUT,
            changes::add);
    UiServer page =
        new UiServer(
            "the-api-token",
            new AccountsJson(vault, RenewalSchedule.defaults(), clock),
            (action, account) -> {},
            logins,
            new Sessions(new java.security.SecureRandom(), clock),
            new SignInLimiter(clock),
            new PageFiles(PageFiles.IN_JAR),
            null);
    String id = logins.start("music", false);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!logins.view(id).orElseThrow().state().equals("waiting") && System.nanoTime() < end) {
      Thread.sleep(10);
    }

    page.close();

    assertThat(finished(id).state()).isEqualTo("failed");
    assertThatThrownBy(() -> logins.start("other", false))
        .isInstanceOf(TransientFailureException.class)
        .hasMessageContaining("stopping");
    assertThat(vault.account("music").exists()).isFalse();
  }

  @Test
  void anUnknownIdHasNoViewAndNoImage() {
    assertThat(logins.view("nope")).isEmpty();
    assertThat(logins.image("nope")).isEmpty();
  }

  static void save(Account account, CookieRecord record) throws IOException {
    try (var hold = account.lock()) {
      account.save(record);
    }
  }

  static CookieRecord record(String uin, String key, Instant created) {
    long c = created.getEpochSecond();
    return CookieFormats.read(
            "login_type=1; psrf_musickey_createtime="
                + c
                + "; uin="
                + uin
                + "; qqmusic_key="
                + key
                + "; qm_keyst="
                + key
                + "; psrf_qqrefresh_token=REFRESHold000000000001;"
                + " psrf_qqunionid=UNIONID0000000000000000001; tmeLoginType=2;"
                + " psrf_qqaccess_token=ACCESSold0000000000001; psrf_qqopenid=OPENID0000000000001;"
                + " psrf_access_token_expiresAt="
                + (c + Duration.ofDays(7).toSeconds()))
        .record();
  }
}
