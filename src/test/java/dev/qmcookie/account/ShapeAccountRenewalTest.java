package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.renew.ShapeChoice;
import dev.qmcookie.testkit.RenewalAnswers;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts against a server where one shape is dead: the shape that works is found in the same
 * attempt, stored, and sent first from then on; and an expired key with a refresh key is tried.
 */
class ShapeAccountRenewalTest {
  static final Instant NOW = AccountRenewalTest.NOW;
  static final String UIN = AccountRenewalTest.UIN;
  static final String OLD_KEY = AccountRenewalTest.VAULT_KEY;
  static final String NEW_KEY = "Q_H_L_63k3NrenewedKEY000000001";
  static final String REFRESH_KEY = "RKEYstored000000000000000001";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  MockWebServer server = new MockWebServer();
  List<String> modules = new ArrayList<>();
  Account account;

  @BeforeEach
  void setUp() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    account = new Vault(home, Duration.ofSeconds(5)).account("default");
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  @Test
  void whereShapeAIsDeadTheAccountRenewsInTheSameAttemptAndThenSendsShapeBDirectly()
      throws Exception {
    store(NOW.minus(Duration.ofHours(21)), CookieMetadata.NONE);
    serve(/* aWorks= */ false, /* bWorks= */ true);

    renewal(ShapeChoice.AUTO, NOW).renew(account);

    assertThat(modules).containsExactly("QQConnectLogin.LoginServer", "music.login.LoginServer");
    assertThat(account.load().login().musicKey()).isEqualTo(NEW_KEY);
    assertThat(account.load().metadata().shape()).isEqualTo("b");
    assertThat(account.load().metadata().shapeSince()).isEqualTo(NOW);
    RenewalAttempt attempt = account.lastAttempt().orElseThrow();
    assertThat(attempt.shapes()).containsExactly("a", "b");
    assertThat(attempt.tries()).isEqualTo(2);

    Instant later = NOW.plus(Duration.ofHours(21));
    renewal(ShapeChoice.AUTO, later).renew(account);

    assertThat(modules)
        .as("the next renewal goes straight to shape B")
        .containsExactly(
            "QQConnectLogin.LoginServer", "music.login.LoginServer", "music.login.LoginServer");
    assertThat(account.lastAttempt().orElseThrow().shapes()).containsExactly("b");
    assertThat(account.load().metadata().shapeSince()).as("since it first worked").isEqualTo(NOW);
  }

  @Test
  void whereShapeBIsDeadNothingChanges() throws Exception {
    store(NOW.minus(Duration.ofHours(21)), CookieMetadata.NONE);
    serve(/* aWorks= */ true, /* bWorks= */ false);

    renewal(ShapeChoice.AUTO, NOW).renew(account);
    renewal(ShapeChoice.AUTO, NOW.plus(Duration.ofHours(21))).renew(account);

    assertThat(modules).containsExactly("QQConnectLogin.LoginServer", "QQConnectLogin.LoginServer");
    assertThat(account.load().metadata().shape()).isEqualTo("a");
    assertThat(account.lastAttempt().orElseThrow().shapes()).containsExactly("a");
  }

  @Test
  void anExpiredKeyWithARefreshKeyIsRenewable() throws Exception {
    store(NOW.minus(Duration.ofHours(30)), CookieMetadata.NONE.withRefreshKey(REFRESH_KEY));
    serve(/* aWorks= */ false, /* bWorks= */ true);

    assertThat(AccountStatus.read(account, RenewalSchedule.defaults(), NOW).state())
        .isEqualTo(AccountState.EXPIRED_RENEWABLE);
    assertThat(AccountState.EXPIRED_RENEWABLE.needsHuman()).isFalse();
    assertThat(AccountState.EXPIRED_RENEWABLE.label()).isEqualTo("expired (renewable)");

    AccountRenewal.Report report = renewal(ShapeChoice.AUTO, NOW).renew(account);

    assertThat(report).isInstanceOf(AccountRenewal.Renewed.class);
    assertThat(account.load().login().musicKey()).isEqualTo(NEW_KEY);
    assertThat(AccountStatus.read(account, RenewalSchedule.defaults(), NOW).state())
        .isEqualTo(AccountState.FRESH);
  }

  @Test
  void anExpiredKeyWithARefreshKeyMovesToNeedsLoginOnlyWhenRefused() throws Exception {
    store(NOW.minus(Duration.ofHours(30)), CookieMetadata.NONE.withRefreshKey(REFRESH_KEY));
    serve(/* aWorks= */ false, /* bWorks= */ false);
    byte[] before = account.storedBytes();

    assertThatThrownBy(() -> renewal(ShapeChoice.AUTO, NOW).renew(account))
        .isInstanceOf(LoginInvalidException.class);

    assertThat(account.storedBytes()).isEqualTo(before);
    assertThat(AccountStatus.read(account, RenewalSchedule.defaults(), NOW).state())
        .isEqualTo(AccountState.NEEDS_LOGIN);
  }

  @Test
  void anExpiredKeyWithoutARefreshKeyIsStillNotSent() throws Exception {
    store(NOW.minus(Duration.ofHours(30)), CookieMetadata.NONE.withRefreshKey(""));

    assertThatThrownBy(() -> renewal(ShapeChoice.AUTO, NOW).renew(account))
        .isInstanceOf(LoginInvalidException.class)
        .hasMessageContaining("expired");

    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void theShapeBRequestCarriesTheStoredRefreshKey() throws Exception {
    store(NOW.minus(Duration.ofHours(21)), CookieMetadata.NONE.withRefreshKey(REFRESH_KEY));
    server.enqueue(RenewalAnswers.success(UIN, NEW_KEY, NOW));

    renewal(ShapeChoice.B, NOW).renew(account);

    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
    assertThat(body.at("/req1/param/refresh_key").asText()).isEqualTo(REFRESH_KEY);
    assertThat(account.load().metadata().refreshKey())
        .as("an empty refresh_key in the answer keeps the stored one")
        .isEqualTo(REFRESH_KEY);
  }

  @Test
  void aDryRunShowsTheShapeThatWouldBeSentFirst() throws Exception {
    store(
        NOW.minus(Duration.ofHours(21)),
        CookieMetadata.NONE.withShapeThatWorked("b", NOW.minus(Duration.ofDays(1))));

    AccountRenewal.Report auto = renewal(ShapeChoice.AUTO, NOW, true).renew(account);
    AccountRenewal.Report forced = renewal(ShapeChoice.A, NOW, true).renew(account);

    assertThat(((AccountRenewal.DryRun) auto).request())
        .startsWith("shape b\n")
        .contains("music.login.LoginServer");
    assertThat(((AccountRenewal.DryRun) forced).request())
        .startsWith("shape a\n")
        .contains("QQConnectLogin.LoginServer");
    assertThat(server.getRequestCount()).isZero();
  }

  // A fake where each shape either works or is refused as a dead shape would be.
  void serve(boolean aWorks, boolean bWorks) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            String module;
            try {
              module = JSON.readTree(request.getBody().utf8()).at("/req1/module").asText();
            } catch (Exception e) {
              return new MockResponse.Builder().code(400).build();
            }
            synchronized (modules) {
              modules.add(module);
            }
            boolean shapeB = module.equals("music.login.LoginServer");
            if (shapeB ? bWorks : aWorks) {
              return RenewalAnswers.success(UIN, NEW_KEY, NOW);
            }
            return RenewalAnswers.code(0, shapeB ? 104401 : 20261);
          }
        });
  }

  AccountRenewal renewal(ShapeChoice shape, Instant now) {
    return renewal(shape, now, false);
  }

  AccountRenewal renewal(ShapeChoice shape, Instant now, boolean dryRun) {
    return new AccountRenewal(
        new AccountRenewal.Settings(
            RenewalSchedule.defaults(),
            server.url("/cgi-bin/musicu.fcg"),
            false,
            dryRun,
            AccountRenewal.Via.HTTP,
            false,
            shape),
        Clock.fixed(now, ZoneOffset.UTC),
        () -> ZoneOffset.UTC,
        d -> {},
        new OkHttpClient(),
        a -> {
          throw new AssertionError("no profile is read here");
        },
        new Semaphore(1),
        AccountRenewal.Listener.NONE);
  }

  void store(Instant created, CookieMetadata metadata) throws Exception {
    account.createFolders();
    account.save(
        new CookieRecord(
            AccountRenewalTest.cookies(OLD_KEY, created),
            metadata.withImport(created, "import:header")));
  }
}
