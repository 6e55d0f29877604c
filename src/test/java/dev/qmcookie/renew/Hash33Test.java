package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Hash33Test {
  @Test
  void anEmptyKeyHashesToTheSeed() {
    assertThat(Hash33.gTk("")).isEqualTo(5381);
    assertThat(Hash33.of("", 0)).isZero();
  }

  @Test
  void eachCharacterMultipliesByThirtyThreeAndAddsItsCode() {
    // 5381 * 33 + 'a' (97) = 177670; then 177670 * 33 + 'b' (98) = 5863208.
    assertThat(Hash33.gTk("a")).isEqualTo(177_670);
    assertThat(Hash33.gTk("ab")).isEqualTo(5_863_208);
  }

  @Test
  void theResultIsKeptToThirtyOneBitsAtEveryStep() {
    String key = "Q_H_L_5abcdefghijklmnopqrstuvwxyz0123456789";
    long h = 5381;
    for (char c : key.toCharArray()) {
      h = ((h << 5) + h + c) & 0x7fffffffL;
    }

    assertThat(Hash33.gTk(key)).isEqualTo((int) h).isNotNegative();
  }
}
