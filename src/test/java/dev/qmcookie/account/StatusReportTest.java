package dev.qmcookie.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status of several accounts, where one may fail. */
class StatusReportTest {
  @TempDir Path home;
  Account broken;
  Account fresh;

  @BeforeEach
  void setUp() throws Exception {
    Vault vault = new Vault(home, Duration.ofSeconds(5));
    broken = vault.account("broken");
    fresh = vault.account("fresh");
    new NewLogin(null)
        .store(fresh, NewLoginTest.record("Q_H_L_63k3NfirstKEY000000001"), false, NewLoginTest.NOW);
  }

  @Test
  void aFailedAccountIsKeptAsideAndTheOthersAreStillRead() throws Exception {
    StatusReport report =
        StatusReport.of(
            List.of(broken, fresh), RenewalSchedule.defaults(), NewLoginTest.NOW, null, true);

    assertThat(report.statuses()).extracting(AccountStatus::account).containsExactly("fresh");
    assertThat(report.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.account().name()).isEqualTo("broken");
              assertThat(f.why()).isInstanceOf(InvalidInputException.class);
            });
  }

  @Test
  void withoutKeepingGoingTheFirstFailureIsThrown() {
    assertThatThrownBy(
            () ->
                StatusReport.of(
                    List.of(broken, fresh),
                    RenewalSchedule.defaults(),
                    NewLoginTest.NOW,
                    null,
                    false))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void asJsonOneAccountIsAnObjectAndAListIsAnArrayEvenOfOne() throws Exception {
    StatusReport report =
        StatusReport.of(List.of(fresh), RenewalSchedule.defaults(), NewLoginTest.NOW, null, true);

    assertThat(report.toJson(false, NewLoginTest.NOW).isObject()).isTrue();
    assertThat(report.toJson(false, NewLoginTest.NOW).path("account").asText()).isEqualTo("fresh");
    assertThat(report.toJson(true, NewLoginTest.NOW).isArray()).isTrue();
    assertThat(report.toJson(true, NewLoginTest.NOW).get(0).path("account").asText())
        .isEqualTo("fresh");
  }
}
