package dev.qmcookie.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class VerdictTest {
  @Test
  void anUnreachableStoreIsAPassingFaultToldApartFromTheOthersEvenWhenWrapped() {
    TransientFailureException down =
        new TransientFailureException(
            "the store redis://cache:6379/0 does not answer",
            0,
            Verdict.STORE_UNREACHABLE,
            new IOException("Connection refused"));
    Exception wrapped = new UncheckedIOException(new IOException("cannot list the accounts", down));

    assertThat(ExitStatus.of(down)).isEqualTo(ExitStatus.TRANSIENT);
    assertThat(Verdict.STORE_UNREACHABLE.id()).isEqualTo("store-unreachable");
    assertThat(Verdict.STORE_UNREACHABLE.explains(down)).isTrue();
    assertThat(Verdict.STORE_UNREACHABLE.explains(wrapped)).isTrue();
    assertThat(Verdict.STORE_UNREACHABLE.in(wrapped)).containsSame(down);
    assertThat(Verdict.STORE_UNREACHABLE.explains(new TransientFailureException("HTTP 502", 502)))
        .isFalse();
    assertThat(Verdict.STORE_UNREACHABLE.explains(new IOException("disk full"))).isFalse();
    assertThat(Verdict.PASSING.explains(down)).isFalse();
  }

  @Test
  void aRenewalTheStoreCouldNotSaveIsThatAndNotTheStoresPassingFault() {
    TransientFailureException down =
        new TransientFailureException(
            "the store redis://cache:6379/0 does not answer", 0, Verdict.STORE_UNREACHABLE, null);

    RenewalNotSavedException unsaved =
        new RenewalNotSavedException(
            "the server renewed the login and retired the old key, but the new cookie could not"
                + " be saved",
            down);

    assertThat(Verdict.STORE_UNREACHABLE.explains(unsaved)).isFalse();
    assertThat(Verdict.STORE_UNREACHABLE.in(new RuntimeException(unsaved))).isEmpty();
  }
}
