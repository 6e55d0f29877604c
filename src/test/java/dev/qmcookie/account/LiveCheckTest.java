package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.ProfilePageFake;
import dev.qmcookie.testkit.RenewalAnswers;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live check's answer as the account keeps it. */
class LiveCheckTest {
  static final Instant NOW = AccountRenewalTest.NOW;

  @TempDir Path tmp;
  MockWebServer server = new MockWebServer();
  HandClock clock = new HandClock(NOW);
  Account account;
  LiveCheck check;

  @BeforeEach
  void setUp() throws Exception {
    server.start(InetAddress.getLoopbackAddress(), 0);
    account = new Vault(tmp.resolve("home"), Duration.ofSeconds(5)).account("default");
    account.createFolders();
    store(NOW.minus(Duration.ofHours(2)));
    check =
        new LiveCheck(
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build(),
            server.url("/check"),
            clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  void store(Instant at) throws Exception {
    account.save(
        new CookieRecord(
            AccountRenewalTest.cookies(
                AccountRenewalTest.VAULT_KEY, NOW.minus(Duration.ofHours(2))),
            CookieMetadata.NONE.withImport(at, "import:header")));
  }

  AccountState state() throws Exception {
    return AccountStatus.read(account, RenewalSchedule.defaults(), clock.instant()).state();
  }

  @Test
  void noAnswerLeavesARefusalOfTheSameCookieAndItsNeedsLogin() throws Exception {
    server.enqueue(RenewalAnswers.json("{\"code\":" + ProfilePageFake.REFUSED + "}"));
    check.run(account);
    assertThat(state()).isEqualTo(AccountState.NEEDS_LOGIN);

    clock.advance(Duration.ofMinutes(5));
    server.enqueue(RenewalAnswers.json("<html><title>安全验证</title></html>"));
    ServerCheck unknown = check.run(account);

    assertThat(unknown.result()).isEqualTo(ServerCheck.Result.UNKNOWN);
    assertThat(account.lastCheck()).get().extracting(ServerCheck::refused).isEqualTo(true);
    assertThat(state()).isEqualTo(AccountState.NEEDS_LOGIN);
  }

  @Test
  void anAcceptanceOrANewerCookieStillReplacesARefusal() throws Exception {
    server.enqueue(RenewalAnswers.json("{\"code\":" + ProfilePageFake.REFUSED + "}"));
    server.enqueue(RenewalAnswers.json("{\"code\":0}"));
    check.run(account);
    clock.advance(Duration.ofMinutes(5));
    check.run(account);
    assertThat(state()).isEqualTo(AccountState.FRESH);

    server.enqueue(RenewalAnswers.json("{\"code\":" + ProfilePageFake.REFUSED + "}"));
    server.enqueue(RenewalAnswers.json("<html>busy</html>"));
    check.run(account);
    clock.advance(Duration.ofMinutes(5));
    store(clock.instant());
    clock.advance(Duration.ofMinutes(5));
    check.run(account);

    assertThat(account.lastCheck())
        .get()
        .extracting(ServerCheck::result)
        .isEqualTo(ServerCheck.Result.UNKNOWN);
    assertThat(state()).isEqualTo(AccountState.FRESH);
  }

  @Test
  void oneRoundAsksNoMoreAccountsOnceOneCheckGotNoAnswer() throws Exception {
    Vault vault = new Vault(tmp.resolve("home"), Duration.ofSeconds(5));
    for (String name : new String[] {"bob", "carol"}) {
      Account other = vault.account(name);
      other.createFolders();
      other.save(account.load());
    }
    server.enqueue(RenewalAnswers.json("<html><title>访问过于频繁</title></html>"));
    LiveCheck round = check.oneRound();

    ServerCheck first = round.run(account);
    ServerCheck second = round.run(vault.account("bob"));
    round.run(vault.account("carol"));

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(first.result()).isEqualTo(ServerCheck.Result.UNKNOWN);
    assertThat(second.result()).isEqualTo(ServerCheck.Result.UNKNOWN);
    assertThat(second.reason()).isEqualTo("not asked: the check of default got no answer");
    assertThat(vault.account("carol").lastCheck())
        .get()
        .isEqualTo(ServerCheck.unknown(NOW, 0, "not asked: the check of default got no answer"));
  }

  @Test
  void outsideARoundEveryCheckIsAsked() throws Exception {
    server.enqueue(RenewalAnswers.json("<html>busy</html>"));
    server.enqueue(RenewalAnswers.json("{\"code\":0}"));

    check.run(account);
    ServerCheck again = check.run(account);

    assertThat(again.result()).isEqualTo(ServerCheck.Result.ACCEPTED);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
