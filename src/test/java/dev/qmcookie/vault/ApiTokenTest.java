package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's bearer token is believed only from the home's own owner-only file. */
class ApiTokenTest {
  @TempDir Path tmp;
  Path home;
  Vault vault;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectory(tmp.resolve("home"));
    vault = new Vault(home, Duration.ofSeconds(5));
  }

  @Test
  void theFirstStartMakesAnOwnerOnlyTokenThatLaterStartsReuse() throws Exception {
    String first = ApiToken.of(vault);
    String again = ApiToken.of(vault);

    assertThat(first).hasSizeGreaterThanOrEqualTo(43).isEqualTo(again);
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("api-token"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aTokenPlantedAsALinkToAFileAllCanReadIsRefused() throws Exception {
    Path known = Files.writeString(tmp.resolve("known"), "everyone-knows-this\n");
    Files.setPosixFilePermissions(known, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(home.resolve("api-token"), known);

    assertThatThrownBy(() -> ApiToken.of(vault))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(link + " is a symbolic link")
        .hasMessageNotContaining("everyone-knows-this");
    assertThat(link).isSymbolicLink();
    assertThat(Files.readString(known)).isEqualTo("everyone-knows-this\n");
  }

  @Test
  void aTokenOthersCanReadIsRefusedWithTheFix() throws Exception {
    Path file = Files.writeString(home.resolve("api-token"), "secret-token\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> ApiToken.of(vault))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("chmod 600 " + file)
        .hasMessageNotContaining("secret-token");
  }

  @Test
  void aTokenOfAnotherUserIsRefused() throws Exception {
    Path file = Files.writeString(home.resolve("api-token"), "planted-token\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    OtherUser.give(file);

    assertThatThrownBy(() -> ApiToken.of(vault))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file + " is owned by nobody");
    assertThat(Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("nobody");
  }

  @Test
  void aFolderInPlaceOfTheTokenIsRefused() throws Exception {
    Path dir = Files.createDirectory(home.resolve("api-token"));

    assertThatThrownBy(() -> ApiToken.of(vault))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(dir + " is not a regular file");
  }
}
