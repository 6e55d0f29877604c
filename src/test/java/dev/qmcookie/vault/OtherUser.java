package dev.qmcookie.vault;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/** Hands a path to the user {@code nobody}, to stand for a file another user planted. */
public final class OtherUser {
  private OtherUser() {}

  /**
   * Makes {@code nobody} the owner of {@code path} (not of a link's target), or skips the test
   * where there is no such user or this user may not give files away (only root may).
   */
  public static void give(Path path) throws IOException {
    UserPrincipal nobody;
    try {
      nobody =
          FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    } catch (UserPrincipalNotFoundException e) {
      assumeTrue(false, "this machine has no user 'nobody' to own a planted file");
      return;
    }
    assumeTrue(
        !RunningUser.principal().orElseThrow().equals(nobody), "the tests run as 'nobody' itself");
    try {
      Files.setAttribute(path, "posix:owner", nobody, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      assumeTrue(
          false, "only root can give a file to 'nobody', and the tests do not run as root: " + e);
    }
  }

  /**
   * Gives {@code path} a group that lets another user in: {@code nogroup} (or {@code nobody}'s), so
   * that a group-write bit opens it to others. Skips the test where there is none or it may not.
   */
  public static void giveGroup(Path path) throws IOException {
    java.nio.file.attribute.GroupPrincipal shared = null;
    for (String name : new String[] {"nogroup", "nobody"}) {
      try {
        shared =
            FileSystems.getDefault()
                .getUserPrincipalLookupService()
                .lookupPrincipalByGroupName(name);
        break;
      } catch (UserPrincipalNotFoundException e) {
        // try the next name
      }
    }
    assumeTrue(shared != null, "this machine has no group 'nogroup' or 'nobody' to share a file");
    try {
      Files.setAttribute(path, "posix:group", shared, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      assumeTrue(false, "this user may not give a file to group " + shared.getName() + ": " + e);
    }
  }
}
