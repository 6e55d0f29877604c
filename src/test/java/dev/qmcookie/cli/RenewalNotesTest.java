package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.failure.LoginInvalidException;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code renew} and the daemon word the values a renewal returns. */
class RenewalNotesTest {
  @Test
  void anHttpRenewalSaysHowManyTriesAndHowLong() {
    assertThat(RenewalNotes.how(renewed(AccountRenewal.Via.HTTP, 2, Duration.ofMillis(412))))
        .isEqualTo(" in 2 tries (0.4s)");
    assertThat(RenewalNotes.how(renewed(AccountRenewal.Via.HTTP, 1, Duration.ofMillis(1250))))
        .isEqualTo(" in 1 try (1.3s)");
  }

  @Test
  void aRenewalViaTheBrowserSaysNoMore() {
    AccountRenewal.Renewed r = renewed(AccountRenewal.Via.BROWSER, 0, Duration.ZERO);

    assertThat("renewed via " + r.via() + RenewalNotes.how(r)).isEqualTo("renewed via browser");
  }

  @Test
  void theSwitchToTheProfileAndALostHistoryAreOneLineEach() {
    List<String> notes = new ArrayList<>();
    RenewalNotes listener = new RenewalNotes(notes::add);

    listener.tryingProfile(
        "default",
        new LoginInvalidException("the server refused this login (code 104401)", 104401));
    listener.historyNotWritten(
        "default", new AccessDeniedException("/home/h/default/history.jsonl"));

    assertThat(notes)
        .containsExactly(
            "default: the server refused this login (code 104401)",
            "default: trying the browser profile instead",
            "default: renewed and stored, but its history could not be written (permission denied:"
                + " /home/h/default/history.jsonl; check the owner and mode of the qmcookie home)");
  }

  static AccountRenewal.Renewed renewed(AccountRenewal.Via via, int tries, Duration took) {
    return new AccountRenewal.Renewed("default", via, tries, took, null, null);
  }
}
