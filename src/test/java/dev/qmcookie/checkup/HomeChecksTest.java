package dev.qmcookie.checkup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.qmcookie.checkup.Check.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeChecksTest {
  @TempDir Path home;

  @Test
  void aHomeWithAProblemIsNotTrustedAndNothingInItIsLookedAt() throws Exception {
    HomeChecks.Trust trust = HomeChecks.trust(home, Optional.of("the home is owned by nobody"));

    assertThat(trust.trusted()).isFalse();
    assertThat(trust.checks())
        .containsExactly(new Check(Level.FAIL, "home", "the home is owned by nobody", null));
  }

  @Test
  void aConfigOthersCanWriteMakesTheHomeUntrusted() throws Exception {
    Path config = Files.writeString(home.resolve("config.json"), "{}");
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));

    HomeChecks.Trust trust = HomeChecks.trust(home, Optional.empty());

    assertThat(trust.trusted()).isFalse();
    assertThat(trust.checks())
        .filteredOn(c -> c.name().equals("config"))
        .singleElement()
        .satisfies(c -> assertThat(c.level()).isEqualTo(Level.FAIL))
        .satisfies(c -> assertThat(c.fix()).startsWith("chmod go-w " + config.toRealPath()));
  }

  // daemon --listen alone refuses a bad token: the config and the accounts can still be read.
  @Test
  void aTokenOthersCanReadFailsButLeavesTheHomeTrusted() throws Exception {
    Path token = Files.writeString(home.resolve("api-token"), "token\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));

    HomeChecks.Trust trust = HomeChecks.trust(home, Optional.empty());

    assertThat(trust.trusted()).isTrue();
    assertThat(trust.checks())
        .extracting(Check::name, Check::level)
        .containsExactly(
            tuple("home", Level.OK), tuple("config", Level.OK), tuple("api-token", Level.FAIL));
  }
}
