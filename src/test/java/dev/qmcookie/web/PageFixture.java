package dev.qmcookie.web;

import dev.qmcookie.account.NewLogin;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A home for the page's tests: "alice", fresh, with attempts over the last weeks, and "bob", whose
 * login the server refused. Their cookies hold the secret values the page must never show.
 */
final class PageFixture {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final String UIN = "1152921504";
  static final String ALICE_KEY = "Q_H_L_63k3NaliceSECRETkey0001";
  static final String BOB_KEY = "Q_H_L_63k3NbobSECRETkey000002";
  static final List<String> SECRETS =
      List.of(
          ALICE_KEY,
          BOB_KEY,
          "REFRESHsecret00000000001",
          "ACCESSsecret000000000001",
          "OPENIDsecret000000000001",
          "UNIONIDsecret00000000001",
          UIN);

  final Vault vault;

  PageFixture(Path home) throws IOException {
    vault = new Vault(home, Duration.ofSeconds(5));
    Account alice = vault.account("alice");
    new NewLogin(null).store(alice, record(ALICE_KEY, NOW.minusSeconds(3600)), false, NOW);
    alice.recordAttempt(attempt(NOW.minus(Duration.ofDays(8)), RenewalAttempt.RENEWED, "http"));
    alice.recordAttempt(attempt(NOW.minus(Duration.ofDays(2)), RenewalAttempt.RENEWED, "http"));
    alice.recordAttempt(attempt(NOW.minus(Duration.ofDays(1)), RenewalAttempt.TRANSIENT, "http"));
    Account bob = vault.account("bob");
    new NewLogin(null)
        .store(bob, record(BOB_KEY, NOW.minus(Duration.ofHours(5))), false, NOW.minusSeconds(7200));
    bob.recordAttempt(
        new RenewalAttempt(
            NOW.minusSeconds(600),
            RenewalAttempt.LOGIN_INVALID,
            1000,
            300,
            1,
            "http",
            "the server refused the login (code 1000) for " + BOB_KEY));
  }

  static RenewalAttempt attempt(Instant at, String outcome, String via) {
    return new RenewalAttempt(at, outcome, 0, 200, 1, via, outcome);
  }

  static CookieRecord record(String key, Instant created) {
    long c = created.getEpochSecond();
    String header =
        "login_type=1; psrf_musickey_createtime="
            + c
            + "; uin="
            + UIN
            + "; qqmusic_key="
            + key
            + "; qm_keyst="
            + key
            + "; psrf_qqrefresh_token=REFRESHsecret00000000001;"
            + " psrf_qqunionid=UNIONIDsecret00000000001; tmeLoginType=2;"
            + " psrf_qqaccess_token=ACCESSsecret000000000001;"
            + " psrf_qqopenid=OPENIDsecret000000000001;"
            + " psrf_access_token_expiresAt="
            + (c + Duration.ofDays(7).toSeconds());
    return new CookieRecord(
        CookieFormats.read(header).record().cookies(),
        CookieMetadata.NONE.withImport(created, "import:header"));
  }
}
