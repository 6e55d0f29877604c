package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may read a file, decided as the kernel does, for a user found in passwd and group files. */
class UnixUsersTest {
  static final int METING_UID = 64999;
  static final int SHARED_GID = 64998;

  @TempDir Path tmp;
  UnixUsers users;

  @BeforeEach
  void setUp() throws IOException {
    Path passwd =
        Files.writeString(
            tmp.resolve("passwd"),
            "root:x:0:0:root:/root:/bin/bash\n"
                + "meting:x:"
                + METING_UID
                + ":"
                + METING_UID
                + "::/srv/meting:/usr/sbin/nologin\n"
                + "broken:x:notanumber:1::/:/bin/false\n");
    Path group =
        Files.writeString(
            tmp.resolve("group"),
            "root:x:0:\nmeting:x:"
                + METING_UID
                + ":\nshare:x:"
                + SHARED_GID
                + ":alice,meting\nmetingfans:x:64997:metingx\n");
    users = new UnixUsers(passwd, group);
  }

  @Test
  void aGroupHoldsOnlyAUserWhenNoOtherUserIsListedInItOrHasItAsPrimaryGroup() throws IOException {
    assertThat(users.groupHoldsOnly(METING_UID, "meting")).as("meting's own group").isTrue();
    assertThat(users.groupHoldsOnly(0, "root")).as("root's own group").isTrue();
    assertThat(users.groupHoldsOnly(METING_UID, "root"))
        .as("another user's primary group")
        .isFalse();
    assertThat(users.groupHoldsOnly(SHARED_GID, "meting")).as("a group alice is in too").isFalse();
    assertThat(users.groupHoldsOnly(64997, "metingx")).as("listed only by its member").isTrue();
    assertThat(users.groupHoldsOnly(12345, "meting")).as("a group no file lists").isFalse();
  }

  @Test
  void aUserHasItsPrimaryGroupAndEveryGroupThatListsIt() throws IOException {
    UnixUser meting = users.find("meting").orElseThrow();

    assertThat(meting.uid()).isEqualTo(METING_UID);
    assertThat(meting.groups())
        .as("a member named metingx is someone else")
        .containsExactlyInAnyOrder(METING_UID, SHARED_GID);
    assertThat(users.find(Integer.toString(METING_UID))).contains(meting);
  }

  @Test
  void aContainerUserNoFileListsIsNamedByNumbers() throws IOException {
    Path file = owned(tmp.resolve("tencent"), 0, SHARED_GID, "rw-r-----");
    UnixUser container = users.find("1000:1000," + SHARED_GID).orElseThrow();

    assertThat(container.uid()).isEqualTo(1000);
    assertThat(container.groups()).containsExactlyInAnyOrder(1000, SHARED_GID);
    assertThat(container.mayRead(file)).isTrue();
    assertThat(users.find("1000:1000").orElseThrow().mayRead(file)).isFalse();
  }

  @Test
  void anUnknownUserIsEmpty() throws IOException {
    assertThat(users.find("no-such-user-qmcookie")).isEmpty();
    assertThat(users.find("-u")).as("never passed to id as an option").isEmpty();
  }

  @Test
  void aSupplementaryGroupGrantsTheGroupBitsOnly() throws IOException {
    Path file = owned(tmp.resolve("tencent"), 0, SHARED_GID, "rw-r-----");
    UnixUser meting = users.find("meting").orElseThrow();
    UnixUser stranger = new UnixUser("stranger", 64996, Set.of(64996));

    assertThat(meting.mayRead(file)).isTrue();
    assertThat(stranger.mayRead(file)).isFalse();

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(meting.mayRead(file)).as("0600 is the owner's alone").isFalse();
  }

  @Test
  void theFirstMatchingClassDecidesEvenWhenALaterOneAllowsMore() throws IOException {
    Path file = owned(tmp.resolve("tencent"), METING_UID, 0, "---r--r--");
    UnixUser meting = users.find("meting").orElseThrow();

    assertThat(meting.mayRead(file)).isFalse();
    assertThat(new UnixUser("root", 0, Set.of(0)).mayRead(file)).as("root reads anything").isTrue();
  }

  @Test
  void enteringAFolderNeedsItsSearchBit() throws IOException {
    Path folder = owned(Files.createDirectory(tmp.resolve("cookie")), 0, SHARED_GID, "rwxr-----");
    UnixUser meting = users.find("meting").orElseThrow();

    assertThat(meting.mayEnter(folder)).isFalse();
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx--x---"));
    assertThat(meting.mayEnter(folder)).isTrue();
  }

  private static Path owned(Path path, int uid, int gid, String mode) throws IOException {
    if (!Files.exists(path)) {
      Files.createFile(path);
    }
    var lookup = FileSystems.getDefault().getUserPrincipalLookupService();
    PosixFileAttributeView view =
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    try {
      view.setOwner(lookup.lookupPrincipalByName(Integer.toString(uid)));
      view.setGroup(lookup.lookupPrincipalByGroupName(Integer.toString(gid)));
    } catch (IOException e) {
      assumeTrue(false, "only root can hand a file to another uid and gid: " + e);
    }
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    return path;
  }
}
