package dev.qmcookie.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fleet benchmark's pass mark: one request per account, never two, never none. */
class CountingRenewalTest {
  private static final String A0 = "uin=100000000; qqmusic_key=Q_H_L_benchKEY0";
  private static final String A1 = "qm_keyst=x; uin=100000001; qqmusic_key=Q_H_L_benchKEY1";

  @Test
  void oneRequestPerAccountPasses() {
    FleetBenchmarks.CountingRenewal fake = new FleetBenchmarks.CountingRenewal();
    assertThat(fake.count(A0)).isEqualTo("100000000");
    assertThat(fake.count(A1)).isEqualTo("100000001");

    assertThat(fake.report("two accounts", 2)).isTrue();
  }

  @Test
  void anAccountRenewedTwiceFails() {
    FleetBenchmarks.CountingRenewal fake = new FleetBenchmarks.CountingRenewal();
    fake.count(A0);
    fake.count(A1);
    fake.count(A1);

    assertThat(fake.report("two accounts", 2)).isFalse();
  }

  @Test
  void anAccountNotRenewedFails() {
    FleetBenchmarks.CountingRenewal fake = new FleetBenchmarks.CountingRenewal();
    fake.count(A0);

    assertThat(fake.report("two accounts", 2)).isFalse();
  }

  @Test
  void aResetStartsTheCountAgain() {
    FleetBenchmarks.CountingRenewal fake = new FleetBenchmarks.CountingRenewal();
    fake.count(A0);
    fake.count(A1);
    fake.reset();
    fake.count(A0);
    fake.count(A1);

    assertThat(fake.report("two accounts", 2)).isTrue();
  }
}
