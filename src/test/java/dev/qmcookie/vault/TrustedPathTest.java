package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qmcookie.failure.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedPathTest {
  @TempDir Path tmp;

  @Test
  void theRunningUserIsTheOwnerOfWhatItCreates() throws Exception {
    Path file = Files.writeString(tmp.resolve("mine"), "x");

    assertThat(RunningUser.principal()).contains(Files.getOwner(file));
    assertThat(RunningUser.isRoot()).isEqualTo(Files.getOwner(file).getName().equals("root"));
  }

  @Test
  void aFolderAndFileOfOwnAndWritableByNoOneElseAreTrusted() throws Exception {
    Path file = Files.writeString(tmp.resolve("config.json"), "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(TrustedPath.problem(tmp)).isEmpty();
    assertThat(TrustedPath.problem(file)).isEmpty();
    assertThat(TrustedPath.problem(tmp.resolve("absent"))).isEmpty();
  }

  @Test
  void aFolderOthersCanWriteIsRefusedWithTheChmodFix() throws Exception {
    Path home = Files.createDirectory(tmp.resolve("home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> TrustedPath.require(home))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(home.toString())
        .hasMessageContaining("written by group or others (rwxrwxrwx)")
        .hasMessageContaining("chmod go-w " + home);
  }

  @Test
  void aFileWritableByAGroupOthersAreInIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("config.json"), "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    OtherUser.giveGroup(file);

    assertThat(TrustedPath.problem(file))
        .get()
        .extracting(TrustedPath.Untrusted::fix)
        .isEqualTo("chmod go-w " + file + " (if you trust its content)");
  }

  @Test
  void aFileWritableOnlyByTheUsersOwnGroupIsTrusted() throws Exception {
    // Debian's user private groups with umask 002: a fresh checkout is group-writable.
    Path file = Files.writeString(tmp.resolve("config.json"), "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    int gid = (Integer) Files.getAttribute(file, "unix:gid");
    assumeTrue(
        UnixUsers.system().groupHoldsOnly(gid, RunningUser.principal().orElseThrow().getName()),
        "the group of a new file here lets other users in");

    assertThat(TrustedPath.problem(file)).isEmpty();
  }

  @Test
  void aFileOwnedByAnotherUserIsRefusedWithTheChownFix() throws Exception {
    Path file = Files.writeString(tmp.resolve("config.json"), "{}");
    OtherUser.give(file);

    assertThatThrownBy(() -> TrustedPath.require(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(file + " is owned by nobody")
        .hasMessageContaining(
            "chown " + RunningUser.principal().orElseThrow().getName() + " " + file);
  }

  @Test
  void aLinkIsJudgedByItsTarget() throws Exception {
    Path good = Files.createDirectory(tmp.resolve("good"));
    Path bad = Files.createDirectory(tmp.resolve("bad"));
    Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(TrustedPath.problem(Files.createSymbolicLink(tmp.resolve("to-good"), good)))
        .isEmpty();
    assertThat(TrustedPath.problem(Files.createSymbolicLink(tmp.resolve("to-bad"), bad)))
        .get()
        .extracting(TrustedPath.Untrusted::path)
        .isEqualTo(bad.toRealPath());
  }

  @Test
  void aSecretFileMustBeItsOwnOwnerOnlyRegularFile() throws Exception {
    Path open = Files.writeString(tmp.resolve("open"), "token");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    Path link = Files.createSymbolicLink(tmp.resolve("api-token"), open);
    Path dir = Files.createDirectory(tmp.resolve("dir"));
    Path mine = Files.writeString(tmp.resolve("mine"), "token");
    Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rw-------"));

    assertThat(TrustedPath.privateFileProblem(link))
        .get()
        .extracting(TrustedPath.Untrusted::reason)
        .isEqualTo("is a symbolic link, not a file of its own");
    assertThat(TrustedPath.privateFileProblem(open))
        .get()
        .extracting(TrustedPath.Untrusted::fix)
        .isEqualTo("chmod 600 " + open);
    assertThat(TrustedPath.privateFileProblem(dir))
        .get()
        .extracting(TrustedPath.Untrusted::reason)
        .isEqualTo("is not a regular file");
    assertThat(TrustedPath.privateFileProblem(mine)).isEmpty();
    assertThat(TrustedPath.privateFileProblem(tmp.resolve("absent"))).isEmpty();
  }

  @Test
  void aSecretFileOfAnotherUserIsRefused() throws Exception {
    Path token = Files.writeString(tmp.resolve("api-token"), "token");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    OtherUser.give(token);

    assertThat(TrustedPath.privateFileProblem(token))
        .get()
        .extracting(TrustedPath.Untrusted::reason)
        .asString()
        .startsWith("is owned by nobody");
  }
}
