package dev.qmcookie.checkup;

import dev.qmcookie.checkup.Check.Level;
import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.failure.QmcookieException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.UnixUser;
import dev.qmcookie.vault.UnixUsers;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code doctor --meting DIR}: whether a Meting-API install whose working directory is DIR really
 * receives the cookie. Each way it silently does not (PROTOCOL.md, "Who reads the cookie") is one
 * finding with its fix. The cookie is compared as bytes and never printed.
 */
public final class MetingCheck {
  static final String NAME = "meting";
  static final String ENV_VARIABLE = "METING_COOKIE_TENCENT";
  static final List<String> SETTINGS_FILES =
      List.of(".env", "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
  // A header export is a few kilobytes; a bigger file is not one and is not read whole.
  private static final int MAX_COOKIE_BYTES = 256 * 1024;
  private static final long MAX_SETTINGS_BYTES = 1024 * 1024;

  private final Path dir;
  private final Path cookieDir;
  private final Path cookieFile;

  public MetingCheck(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    this.cookieDir = this.dir.resolve("cookie");
    this.cookieFile = cookieDir.resolve("tencent");
  }

  /**
   * @param userName Meting-API's user ({@code --meting-user}), or null for the owner of DIR
   * @param vault the home, or null when it is not safe to read
   */
  public List<Check> run(String userName, Vault vault, String accountName, UnixUsers users)
      throws IOException {
    List<Check> checks = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      checks.add(
          fail(
              dir + " is not a folder",
              "give --meting Meting-API's working directory (/app in its image)"));
      return checks;
    }
    checks.addAll(overridingSettings());
    String wanted = userName == null ? Integer.toString(UnixUser.ownerUid(dir)) : userName;
    Optional<UnixUser> user = users.find(wanted);
    if (user.isEmpty()) {
      checks.add(
          fail(
              (userName == null
                      ? "the owner of " + dir + " (uid " + wanted + ") is no known user"
                      : "no user '" + MessageText.quote(userName) + "'")
                  + ", so who can read the cookie is unknown",
              "name Meting-API's user with --meting-user USER, or UID:GID"));
    }
    if (!Files.isDirectory(cookieDir)) {
      checks.add(
          fail(
              cookieDir
                  + " does not exist; Meting-API watches it only if it existed when it started",
              "mkdir " + cookieDir + ", export into it, then restart Meting-API"));
      return checks;
    }
    checks.add(
        new Check(
            Level.OK,
            NAME,
            cookieDir + " exists (if you just created it, restart Meting-API so it watches it)",
            null));
    if (!Files.isRegularFile(cookieFile, LinkOption.NOFOLLOW_LINKS)) {
      checks.add(
          fail(
              cookieFile
                  + (Files.exists(cookieFile, LinkOption.NOFOLLOW_LINKS)
                      ? " is not a regular file, so qmcookie did not write it"
                      : " does not exist"),
              exportFix()));
      return checks;
    }
    user.ifPresent(u -> checks.add(readable(u)));
    checks.add(sameAsExport(vault, accountName));
    return checks;
  }

  /** A .env or compose file that sets the variable: it wins over the file and is read once. */
  private List<Check> overridingSettings() throws IOException {
    List<Check> found = new ArrayList<>();
    for (String name : SETTINGS_FILES) {
      Path file = dir.resolve(name);
      // Only regular files: a FIFO planted there would hang doctor.
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_SETTINGS_BYTES) {
        continue;
      }
      List<String> lines =
          Arrays.asList(
              new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\R", -1));
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (!line.startsWith("#") && line.contains(ENV_VARIABLE)) {
          found.add(
              fail(
                  file
                      + " line "
                      + (i + 1)
                      + " sets "
                      + ENV_VARIABLE
                      + ": Meting-API reads it once at start and prefers it to cookie/tencent, so no renewal reaches it",
                  "remove it from " + file + ", then restart Meting-API"));
        }
      }
    }
    if (found.isEmpty()) {
      found.add(
          new Check(
              Level.OK,
              NAME,
              "no .env or compose file in "
                  + dir
                  + " sets "
                  + ENV_VARIABLE
                  + " (also make sure its service or shell does not)",
              null));
    }
    return found;
  }

  private Check readable(UnixUser user) {
    try {
      if (!user.mayEnter(dir) || !user.mayEnter(cookieDir)) {
        return fail(
            user.name()
                + " cannot enter "
                + (user.mayEnter(dir) ? cookieDir : dir)
                + ", so Meting-API silently sends its anonymous cookie",
            "chmod g+x or o+x that folder, or chgrp it to a group of " + user.name());
      }
      if (!user.mayRead(cookieFile)) {
        return fail(
            user.name()
                + " cannot read "
                + cookieFile
                + ", so Meting-API silently sends its anonymous cookie",
            "export with --group GROUP --mode 0640, GROUP a group of "
                + user.name()
                + " (e.g. its own)");
      }
      return new Check(
          Level.OK, NAME, user.name() + " (uid " + user.uid() + ") can read " + cookieFile, null);
    } catch (IOException | RuntimeException e) {
      return fail(
          "cannot tell whether "
              + user.name()
              + " can read "
              + cookieFile
              + ": "
              + MessageText.clean(String.valueOf(e.getMessage())),
          null);
    }
  }

  private Check sameAsExport(Vault vault, String accountName) {
    if (vault == null) {
      return fail(
          "cannot compare "
              + cookieFile
              + " with account "
              + accountName
              + ": the home is not safe to read",
          "fix the home checks above");
    }
    String expected;
    try {
      Account account = vault.account(accountName);
      expected =
          CookieFormats.write(
              CookieFormat.HEADER, account.load(), account.lastAttempt().orElse(null));
    } catch (QmcookieException | IOException e) {
      return fail(
          "cannot compare "
              + cookieFile
              + " with account "
              + accountName
              + ": "
              + MessageText.clean(String.valueOf(e.getMessage())),
          null);
    }
    byte[] actual;
    try (InputStream in = Files.newInputStream(cookieFile, LinkOption.NOFOLLOW_LINKS)) {
      actual = in.readNBytes(MAX_COOKIE_BYTES + 1);
    } catch (IOException e) {
      return fail(
          "cannot read " + cookieFile + ": " + MessageText.clean(String.valueOf(e.getMessage())),
          null);
    }
    if (!Arrays.equals(actual, expected.getBytes(StandardCharsets.UTF_8))) {
      return fail(
          cookieFile + " differs from the current header export of account " + accountName,
          exportFix());
    }
    return new Check(
        Level.OK,
        NAME,
        cookieFile + " is the current header export of account " + accountName,
        null);
  }

  private String exportFix() {
    return "qmcookie export --out "
        + cookieFile
        + " (with --group GROUP --mode 0640 when Meting-API runs as another user), and keep it current with"
        + " daemon --export header:"
        + cookieFile
        + " or cron";
  }

  private static Check fail(String detail, String fix) {
    return new Check(Level.FAIL, NAME, detail, fix);
  }
}
