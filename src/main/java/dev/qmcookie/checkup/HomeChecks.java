package dev.qmcookie.checkup;

import dev.qmcookie.browser.ProfileLock;
import dev.qmcookie.checkup.Check.Level;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.TrustedPath;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The home, its config.json and api-token, and the account folders: the same ownership and mode
 * checks the other commands refuse on, reported rather than thrown.
 */
public final class HomeChecks {
  private HomeChecks() {}

  /**
   * The home, config and api-token checks, and whether the home and its config can be trusted; if
   * not, nothing in them may be read.
   */
  public record Trust(List<Check> checks, boolean trusted) {}

  /**
   * @param homeProblem why the home chosen cannot be trusted, if it cannot
   */
  public static Trust trust(Path home, Optional<String> homeProblem) throws IOException {
    List<Check> checks = new ArrayList<>();
    Path dir = home.toAbsolutePath();
    if (homeProblem.isPresent()) {
      checks.add(new Check(Level.FAIL, "home", homeProblem.get(), null));
      return new Trust(checks, false);
    }
    checks.add(
        new Check(
            Level.OK,
            "home",
            dir + (Files.isDirectory(dir) ? ": yours, no one else can write it" : ""),
            null));
    Path config = dir.resolve(Vault.CONFIG_FILE);
    Optional<TrustedPath.Untrusted> configProblem = TrustedPath.settingsFileProblem(config);
    configProblem.ifPresentOrElse(
        u ->
            checks.add(
                new Check(
                    Level.FAIL,
                    "config",
                    u.path() + " " + u.reason() + "; every command refuses it",
                    u.fix())),
        () ->
            checks.add(
                new Check(
                    Level.OK,
                    "config",
                    Files.exists(config)
                        ? config + ": yours, no one else can write it"
                        : "no " + Vault.CONFIG_FILE,
                    null)));
    Path token = dir.resolve(Vault.API_TOKEN_FILE);
    TrustedPath.privateFileProblem(token)
        .ifPresentOrElse(
            u ->
                checks.add(
                    new Check(
                        Level.FAIL,
                        "api-token",
                        u.path() + " " + u.reason() + "; daemon --listen refuses it",
                        u.fix())),
            () ->
                checks.add(
                    new Check(
                        Level.OK,
                        "api-token",
                        Files.exists(token, LinkOption.NOFOLLOW_LINKS)
                            ? token + ": owner-only file"
                            : "none yet; daemon --listen makes one",
                        null)));
    return new Trust(checks, configProblem.isEmpty());
  }

  /**
   * The account files and browser profiles of a trusted home.
   *
   * @param hostName this machine's, to tell a browser running here from one on another host that
   *     shares the profile
   */
  public static List<Check> accounts(Vault vault, String hostName) throws IOException {
    List<Check> checks = new ArrayList<>();
    Path home = vault.home().toAbsolutePath();
    if (!Files.isDirectory(home)) {
      checks.add(
          new Check(
              Level.OK, "home", home + " does not exist yet; import or login creates it", null));
      return checks;
    }
    List<String> loose = new ArrayList<>();
    List<String> busy = new ArrayList<>();
    List<String> untrusted = new ArrayList<>();
    List<Account> accounts = vault.accounts();
    for (Account account : accounts) {
      untrusted.addAll(account.fileProblems());
      collectLoose(account.dir(), loose);
      Path profile = account.browserProfile();
      if (Files.isDirectory(profile)) {
        Optional<String> holder = ProfileLock.holder(profile, hostName);
        holder.ifPresent(h -> busy.add(account.name() + " in use by " + h));
      }
    }
    if (!untrusted.isEmpty()) {
      // Each message names its path and its own fix.
      checks.add(new Check(Level.FAIL, "files", String.join("; ", untrusted), null));
    } else {
      checks.add(
          loose.isEmpty()
              ? new Check(
                  Level.OK,
                  "files",
                  accounts.size() + " account(s) in " + home + ", owner-only",
                  null)
              : new Check(
                  Level.WARN,
                  "files",
                  "readable by others: " + String.join(", ", loose),
                  "chmod 700 on folders and 600 on files, or run: chmod -R go-rwx " + home));
    }
    checks.add(
        busy.isEmpty()
            ? new Check(Level.OK, "profiles", "no browser profile is in use", null)
            : new Check(
                Level.WARN,
                "profiles",
                String.join("; ", busy),
                "close that browser before login, capture or a browser renewal"));
    return checks;
  }

  private static void collectLoose(Path accountDir, List<String> loose) throws IOException {
    if (!loosePermissions(accountDir).isEmpty()) {
      loose.add(accountDir.toString());
    }
    try (Stream<Path> files = Files.list(accountDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!loosePermissions(f).isEmpty()) {
          loose.add(f.toString());
        }
      }
    }
  }

  private static Set<PosixFilePermission> loosePermissions(Path p) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      perms.removeAll(PosixFilePermissions.fromString("rwx------"));
      return perms;
    } catch (UnsupportedOperationException notPosix) {
      return Set.of();
    }
  }
}
