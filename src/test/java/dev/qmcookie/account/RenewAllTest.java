package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several accounts renewed side by side: each ends on its own, and each result is told. */
class RenewAllTest {
  @TempDir Path home;

  @Test
  void anAccountThatFailsStopsNoOtherAndTheResultsKeepTheAccountsOrder() throws Exception {
    Vault vault = new Vault(home, Duration.ofSeconds(5));
    Account broken = vault.account("broken");
    Account fresh = vault.account("fresh");
    Account alsoFresh = vault.account("also-fresh");
    for (Account a : List.of(fresh, alsoFresh)) {
      a.createFolders();
      a.save(
          new CookieRecord(
              AccountRenewalTest.cookies(
                  AccountRenewalTest.VAULT_KEY, AccountRenewalTest.NOW.minus(Duration.ofHours(1))),
              CookieMetadata.NONE.withImport(AccountRenewalTest.NOW, "import:header")));
    }
    ConcurrentLinkedQueue<String> told = new ConcurrentLinkedQueue<>();

    List<RenewAll.Result> results =
        RenewAll.run(renewal(), List.of(broken, fresh, alsoFresh), 2, r -> told.add(name(r)));

    assertThat(results)
        .extracting(r -> r.account().name())
        .containsExactly("broken", "fresh", "also-fresh");
    assertThat(results.get(0).failure()).isInstanceOf(InvalidInputException.class);
    assertThat(results.get(0).report()).isNull();
    assertThat(results.subList(1, 3))
        .allSatisfy(
            r -> {
              assertThat(r.failure()).isNull();
              assertThat(r.report()).isInstanceOf(AccountRenewal.NotDue.class);
            });
    assertThat(told).containsExactlyInAnyOrder("broken", "fresh", "also-fresh");
  }

  @Test
  void noAccountsIsNoResultAndNoPool() throws Exception {
    assertThat(RenewAll.run(renewal(), List.of(), 16, r -> {})).isEmpty();
  }

  private static String name(RenewAll.Result r) {
    return r.account().name();
  }

  private static AccountRenewal renewal() {
    return new AccountRenewal(
        new AccountRenewal.Settings(
            RenewalSchedule.defaults(),
            // Never asked: no account here is due.
            HttpUrl.get("http://127.0.0.1:9/cgi-bin/musicu.fcg"),
            false,
            false,
            AccountRenewal.Via.HTTP,
            false),
        Clock.fixed(AccountRenewalTest.NOW, ZoneOffset.UTC),
        () -> ZoneOffset.UTC,
        d -> {},
        new OkHttpClient(),
        a -> {
          throw new AssertionError("no profile is read");
        },
        new Semaphore(1),
        new AccountRenewal.Listener() {
          @Override
          public void tryingProfile(String name, LoginInvalidException httpFailure) {}

          @Override
          public void historyNotWritten(String name, Exception why) {}
        });
  }
}
