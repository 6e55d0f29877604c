package dev.qmcookie.account;

import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.ExportFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's stored cookie in the formats other tools read, for {@code export} and the daemon.
 */
public final class Export {
  private Export() {}

  /** One file to keep up to date. */
  public record Target(CookieFormat format, Path path) {}

  /**
   * @param status the account's status as the cookie was read, to warn when it will not work
   */
  public record Exported(String text, AccountStatus status) {}

  /** The stored cookie in {@code format}, read once together with its status. */
  public static Exported current(Account account, CookieFormat format, Instant now)
      throws IOException {
    CookieRecord record = account.load();
    RenewalAttempt last = account.lastAttempt().orElse(null);
    return new Exported(
        CookieFormats.write(format, record, last),
        AccountStatus.of(account.name(), record, last, RenewalSchedule.defaults(), now));
  }

  /**
   * Writes the stored cookie to each target with {@code access}; returns the paths written.
   *
   * @throws dev.qmcookie.failure.InvalidInputException when a target is a special file or a folder
   */
  public static List<Path> toTargets(Account account, List<Target> targets, ExportAccess access)
      throws IOException {
    CookieRecord record = account.load();
    RenewalAttempt last = account.lastAttempt().orElse(null);
    List<Path> written = new ArrayList<>();
    for (Target target : targets) {
      ExportFile.write(target.path(), CookieFormats.write(target.format(), record, last), access);
      written.add(target.path());
    }
    return written;
  }
}
