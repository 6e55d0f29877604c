package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mode of an export is parsed as octal and can never give "other" anything, however built. */
class ExportAccessTest {
  @Test
  void modesAreOctalWithOrWithoutTheLeadingZero() {
    assertThat(ExportAccess.of("640", null).permissions())
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    assertThat(ExportAccess.of("0660", null).mode()).isEqualTo("0660");
    assertThat(ExportAccess.of(" 0620 ", null).mode()).isEqualTo("0620");
    assertThat(ExportAccess.of(null, null)).isEqualTo(ExportAccess.OWNER_ONLY);
    assertThat(ExportAccess.OWNER_ONLY.mode()).isEqualTo("0600");
  }

  @Test
  void noWayAroundTheParserGivesOthersAccess() {
    for (String mode : new String[] {"rw-r--r--", "rwxr-----", "r--r-----", "rw-rw-rw-"}) {
      assertThatThrownBy(
              () -> new ExportAccess(PosixFilePermissions.fromString(mode), Optional.empty()))
          .as(mode)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
