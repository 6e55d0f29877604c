package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HomeChoiceTest {
  @Test
  void theFlagWinsOverTheEnvironmentWhichWinsOverTheDefault() {
    assertThat(HomeChoice.of(Path.of("/srv/a"), "/srv/b"))
        .isEqualTo(new HomeChoice(Path.of("/srv/a"), false));
    assertThat(HomeChoice.of(null, "/srv/b")).isEqualTo(new HomeChoice(Path.of("/srv/b"), false));
    assertThat(HomeChoice.of(null, " ")).isEqualTo(new HomeChoice(HomeChoice.DEFAULT_HOME, true));
    assertThat(HomeChoice.of(null, null)).isEqualTo(new HomeChoice(HomeChoice.DEFAULT_HOME, true));
  }
}
