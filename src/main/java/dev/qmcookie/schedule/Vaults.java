package dev.qmcookie.schedule;

import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's view of the accounts and of renewal: {@link DaemonAccounts} over the vault and the
 * account layer, or a fake in tests of the loop.
 */
public interface Vaults {
  /** The home folder, watched for changes. */
  Path home();

  /** The accounts that hold a cookie now. */
  List<String> accounts() throws Exception;

  /** The account's schedule facts, read from disk now. */
  AccountView view(String account) throws Exception;

  /** Renews the account as {@code qmcookie renew} would; never throws. */
  Outcome renew(String account);

  /** Writes the account's current cookie to each of {@code targets}; returns the paths written. */
  List<Path> export(String account, List<ExportTarget> targets) throws Exception;
}
