package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    config("{\"store\": \"redis://app@10.0.0.5:6379/0\"}", "rw-r--r--");
    assertThat(ConfigDocument.of(new HomeChoice(home, false)).textFor("status", "store"))
        .isEqualTo("redis://app@10.0.0.5:6379/0");
  }
}
