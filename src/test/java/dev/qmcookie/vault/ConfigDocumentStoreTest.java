package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A config holding the store's password must be readable by its owner alone. */
class ConfigDocumentStoreTest {
  static final String PASSWORD = "s3cretPASSw0rd";

  @TempDir Path home;

  private Path config(String json, String mode) throws Exception {
    Path file = home.resolve(Vault.CONFIG_FILE);
    Files.writeString(file, json);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void aPasswordInAConfigOthersCanReadIsRefusedWithoutRepeatingIt() throws Exception {
    Path file = config("{\"store\": \"redis://:" + PASSWORD + "@10.0.0.5:6379/0\"}", "rw-r--r--");

    assertThatThrownBy(() -> ConfigDocument.of(new HomeChoice(home, false)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the config holds the store's password")
        .hasMessageContaining("chmod 600 " + file.toRealPath())
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void aPasswordInACommandsSectionCountsToo() throws Exception {
    config(
        "{\"daemon\": {\"store\": \"rediss://app:" + PASSWORD + "@10.0.0.5:6379/0\"}}",
        "rw-r-----");

    assertThatThrownBy(() -> ConfigDocument.of(new HomeChoice(home, false)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("can be read by group or others");
  }

  @Test
  void anOwnerOnlyConfigOrAnAddressWithoutPasswordIsUsed() throws Exception {
    config("{\"store\": \"redis://:" + PASSWORD + "@10.0.0.5:6379/0\"}", "rw-------");
    assertThat(ConfigDocument.of(new HomeChoice(home, false)).textFor("status", "store"))
        .contains("10.0.0.5");

    config("{\"store\": \"redis://10.0.0.5:6379/0\"}", "rw-r--r--");
    assertThat(ConfigDocument.of(new HomeChoice(home, false)).textFor("status", "store"))
        .isEqualTo("redis://10.0.0.5:6379/0");
  }

  // Some clients read "redis://secret@host" as a password alone; and a password may hold '/' or
  // '@', which java.net.URI reads as the path or the host.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://app@10.0.0.5:6379/0",
        "redis://u:ab/cd@10.0.0.5:6379/0",
        "redis://:p@ss@10.0.0.5:6379/0"
      })
  void anyAtAfterTheSchemeCountsAsAPassword(String url) throws Exception {
    config("{\"store\": \"" + url + "\"}", "rw-r--r--");

    assertThatThrownBy(() -> ConfigDocument.of(new HomeChoice(home, false)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("the config holds the store's password")
        .hasMessageNotContaining("p@ss")
        .hasMessageNotContaining("ab/cd");
  }
}
