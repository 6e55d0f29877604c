package dev.qmcookie.checkup;

import dev.qmcookie.checkup.Check.Level;
import dev.qmcookie.failure.FailureText;
import dev.qmcookie.vault.AccountStore;
import java.util.concurrent.Callable;

/** Doctor's word on the shared store, when one is configured: can it be opened, what it holds. */
public final class StoreCheck {
  private StoreCheck() {}

  /**
   * @param open opens the configured store, failing as the commands would (bad address, key file,
   *     unreachable); the caller closes it
   */
  public static Check of(Callable<AccountStore> open) {
    try {
      AccountStore store = open.call();
      int accounts = store.names().size();
      return accounts == 0
          ? new Check(
              Level.WARN,
              "store",
              store.describe() + " holds no accounts",
              "qmcookie store push, on a host whose folders hold them (docs/fleet.md)")
          : new Check(
              Level.OK,
              "store",
              store.describe() + " opens with this host's key, " + accounts + " account(s)",
              null);
    } catch (Exception e) {
      // The store's own messages name the fix (the key file to copy, the address to check).
      return new Check(Level.FAIL, "store", FailureText.describe(e), null);
    }
  }
}
