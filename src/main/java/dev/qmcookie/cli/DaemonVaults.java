package dev.qmcookie.cli;

import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.schedule.AccountView;
import dev.qmcookie.schedule.ExportTarget;
import dev.qmcookie.schedule.Outcome;
import dev.qmcookie.schedule.Vaults;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.ExportFile;
import dev.qmcookie.vault.Vault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/** The daemon's hands: the vault, {@link AccountRenewal} and the export formats. */
final class DaemonVaults implements Vaults {
  private final Vault vault;
  private final RenewalSchedule schedule;
  private final AccountRenewal renewal;
  private final CliContext ctx;
  private final ExportAccess access;

  DaemonVaults(Vault vault, RenewalSchedule schedule, AccountRenewal renewal, CliContext ctx) {
    this(vault, schedule, renewal, ctx, ExportAccess.OWNER_ONLY);
  }

  /** @param access the mode and group of every export target, on every write */
  DaemonVaults(Vault vault, RenewalSchedule schedule, AccountRenewal renewal, CliContext ctx, ExportAccess access) {
    this.vault = vault;
    this.schedule = schedule;
    this.renewal = renewal;
    this.ctx = ctx;
    this.access = access;
  }

  @Override
  public Path home() {
    return vault.home();
  }

  @Override
  public List<String> accounts() throws Exception {
    return vault.accounts().stream().map(Account::name).toList();
  }

  @Override
  public AccountView view(String name) throws Exception {
    Account account = vault.account(name);
    CRC32 crc = new CRC32();
    crc.update(account.storedBytes());
    AccountStatus s = AccountStatus.read(account, schedule, ctx.clock().instant());
    return new AccountView(
        name, s.timeline().dueAt(), s.timeline().expiresAt(), s.state().needsHuman(), Long.toHexString(crc.getValue()));
  }

  @Override
  public Outcome renew(String name) {
    try {
      AccountRenewal.Report report = renewal.renew(vault.account(name));
      if (report instanceof AccountRenewal.Renewed r) {
        return new Outcome(Outcome.Kind.RENEWED, ExitCodes.OK, r.via().toString(), "renewed via " + r.via());
      }
      return new Outcome(Outcome.Kind.NOT_DUE, ExitCodes.OK, "", "not due");
    } catch (Exception e) {
      int code = ExitCodes.of(e);
      String message = Failures.describe(e);
      if (e instanceof LoginInvalidException) {
        return new Outcome(Outcome.Kind.NEEDS_LOGIN, code, "", message);
      }
      if (e instanceof TransientFailureException) {
        return new Outcome(Outcome.Kind.TRANSIENT, code, "", message);
      }
      return new Outcome(Outcome.Kind.FAILED, code, "", message);
    }
  }

  @Override
  public List<Path> export(String name, List<ExportTarget> targets) throws Exception {
    Account account = vault.account(name);
    CookieRecord record = account.load();
    RenewalAttempt last = account.lastAttempt().orElse(null);
    List<Path> written = new ArrayList<>();
    for (ExportTarget target : targets) {
      Path path = target.pathFor(name);
      ExportFile.write(path, CookieFormats.write(target.format(), record, last), access);
      written.add(path);
    }
    return written;
  }
}
