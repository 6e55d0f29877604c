package dev.qmcookie.schedule;

import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.account.Export;
import dev.qmcookie.account.LiveCheck;
import dev.qmcookie.account.LoginAgain;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.ExitStatus;
import dev.qmcookie.failure.FailureText;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.failure.QmcookieException;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.renew.AccountState;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountStore;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.Vault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/** The daemon's hands: the vault, {@link AccountRenewal} and the export formats. */
public final class DaemonAccounts implements Vaults {
  private final Vault vault;
  private final RenewalSchedule schedule;
  private final AccountRenewal renewal;
  private final Clock clock;
  private final ExportAccess access;
  private final LiveCheck liveCheck;

  /**
   * @param access the mode and group of every export target, on every write
   */
  public DaemonAccounts(
      Vault vault,
      RenewalSchedule schedule,
      AccountRenewal renewal,
      Clock clock,
      ExportAccess access) {
    this(vault, schedule, renewal, clock, access, null);
  }

  private DaemonAccounts(
      Vault vault,
      RenewalSchedule schedule,
      AccountRenewal renewal,
      Clock clock,
      ExportAccess access,
      LiveCheck liveCheck) {
    this.vault = vault;
    this.schedule = schedule;
    this.renewal = renewal;
    this.clock = clock;
    this.access = access;
    this.liveCheck = liveCheck;
  }

  /** These accounts, checked with the server by {@code check} when the daemon starts and daily. */
  public DaemonAccounts checkingWith(LiveCheck check) {
    return new DaemonAccounts(vault, schedule, renewal, clock, access, check);
  }

  /** The home folder, watched for changes. */
  @Override
  public Path home() {
    return vault.home();
  }

  /** The accounts that hold a cookie now. */
  @Override
  public List<String> accounts() throws Exception {
    return vault.accounts().stream().map(Account::name).toList();
  }

  /** The login the account last came in by: a QR login is redone by QR code. */
  @Override
  public String loginCommand(String name) {
    return LoginAgain.command(vault.account(name));
  }

  /** The account's schedule facts, read from disk now. */
  @Override
  public AccountView view(String name) throws Exception {
    Account account = vault.account(name);
    String fingerprint = fingerprint(account);
    Instant now = clock.instant();
    AccountStatus s = AccountStatus.read(account, schedule, now);
    return new AccountView(
        name,
        s.timeline().dueAt(),
        s.timeline().expiresAt(),
        s.state().needsHuman(),
        fingerprint,
        notBefore(s),
        refusedAtCheckOnly(s, now),
        s.timeline().createdAt(),
        AccountStatus.storedAt(s.record().metadata()));
  }

  @Override
  public String fingerprint(String name) throws Exception {
    return fingerprint(vault.account(name));
  }

  private static String fingerprint(Account account) throws Exception {
    CRC32 crc = new CRC32();
    crc.update(account.changeTag());
    return Long.toHexString(crc.getValue());
  }

  /** Whether the vault keeps its accounts in a shared store. */
  @Override
  public boolean shared() {
    return vault.store().isPresent();
  }

  @Override
  public String storeName() {
    return vault.store().map(AccountStore::describe).orElse(null);
  }

  @Override
  public AutoCloseable follow(Runnable changed) throws Exception {
    Optional<AccountStore> store = vault.store();
    return store.isPresent() ? store.get().follow(changed) : () -> {};
  }

  // Needs a login only by the last live check's word: without that check it would not.
  private boolean refusedAtCheckOnly(AccountStatus s, Instant now) {
    return s.state() == AccountState.NEEDS_LOGIN
        && s.lastCheck() != null
        && AccountStatus.of(s.account(), s.record(), s.lastAttempt(), null, schedule, now).state()
            != AccountState.NEEDS_LOGIN;
  }

  // The wait the last answer asked for, read from the history so that it outlives a restart.
  private static Instant notBefore(AccountStatus s) {
    return switch (s.state()) {
      case DEVICE_LIMIT -> s.lastAttempt().at().plus(Timetable.DEVICE_LIMIT_WAIT);
      case TOO_FREQUENT ->
          s.lastAttempt().at().plus(Planner.backoff(1 + Timetable.TOO_FREQUENT_HEAD_START));
      default -> null;
    };
  }

  /** Renews the account as {@code qmcookie renew} would; never throws. */
  @Override
  public Outcome renew(String name) {
    return renew(name, false);
  }

  @Override
  public Outcome renewNow(String name) {
    return renew(name, true);
  }

  @Override
  public boolean checks() {
    return liveCheck != null;
  }

  @Override
  public Optional<ServerCheck> check(String name) {
    if (liveCheck == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(liveCheck.run(vault.account(name)));
    } catch (Exception e) {
      return Optional.of(
          ServerCheck.unknown(clock.instant(), 0, MessageText.line(FailureText.describe(e))));
    }
  }

  private Outcome renew(String name, boolean force) {
    try {
      Account account = vault.account(name);
      AccountRenewal.Report report = force ? renewal.renew(account, true) : renewal.renew(account);
      if (report instanceof AccountRenewal.Renewed r) {
        return new Outcome(
            Outcome.Kind.RENEWED, ExitStatus.OK, r.via().toString(), "renewed via " + r.via());
      }
      if (report instanceof AccountRenewal.Skipped skipped) {
        return Outcome.skipped(skipped.why(), skipped.retryAt());
      }
      return new Outcome(Outcome.Kind.NOT_DUE, ExitStatus.OK, "", "not due");
    } catch (Exception e) {
      int code = ExitStatus.of(e);
      String message = FailureText.describe(e);
      if (e instanceof LoginInvalidException refused) {
        return new Outcome(Outcome.Kind.NEEDS_LOGIN, code, "", message, refused.verdict().id());
      }
      Optional<QmcookieException> down = Verdict.STORE_UNREACHABLE.in(e);
      if (down.isPresent()) {
        // However the store wrapped it, a passing fault: retried, and alerted for the whole store.
        return new Outcome(
            Outcome.Kind.TRANSIENT,
            ExitStatus.TRANSIENT,
            "",
            FailureText.describe(down.get()),
            Verdict.STORE_UNREACHABLE.id());
      }
      if (e instanceof TransientFailureException passing) {
        // A plain passing fault leaves the account due, as hooks have always been told.
        String state = passing.verdict() == Verdict.PASSING ? "due" : passing.verdict().id();
        return new Outcome(Outcome.Kind.TRANSIENT, code, "", message, state);
      }
      return new Outcome(Outcome.Kind.FAILED, code, "", message);
    }
  }

  /** Writes the account's current cookie to each of {@code targets}; returns the paths written. */
  @Override
  public List<Path> export(String name, List<ExportTarget> targets) throws Exception {
    List<Export.Target> files = new ArrayList<>();
    for (ExportTarget target : targets) {
      files.add(new Export.Target(target.format(), target.pathFor(name)));
    }
    return Export.toTargets(vault.account(name), files, access);
  }
}
