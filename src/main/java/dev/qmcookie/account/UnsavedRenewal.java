package dev.qmcookie.account;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.failure.FailureText;
import dev.qmcookie.failure.RenewalNotSavedException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.NewerCookieStoredException;
import dev.qmcookie.vault.SaveSlot;
import java.nio.file.Path;

/**
 * The server renewed a login, retiring the old key, and storing the answer failed anyway (say the
 * disk filled up between the check and the answer). The new cookie is then the only working one: it
 * goes to the account's recovery file if at all possible, and the failure says how to import it.
 */
final class UnsavedRenewal {
  private UnsavedRenewal() {}

  /**
   * Puts {@code renewed} aside and describes what happened, in one line.
   *
   * @param notSaved why the save failed
   */
  static RenewalNotSavedException putAside(
      Account account, SaveSlot pending, CookieRecord renewed, Exception notSaved) {
    String lost =
        "the server renewed the login and retired the old key, but the new cookie could not be saved ("
            + FailureText.describe(notSaved)
            + ")";
    Path home = account.dir().toAbsolutePath().getParent();
    String where = " --account " + account.name() + " --home " + home;
    // A command without the store would act on this host's folder, not on the shared account.
    String store = account.shared() ? " with the same --store or $QMCOOKIE_STORE" : "";
    try {
      Path recovery = pending.recover(renewed).toAbsolutePath();
      if (fenced(notSaved)) {
        // The newer cookie is another writer's, and maybe a newer login: --replace would bypass
        // the guard that refuses to roll a login back.
        return new RenewalNotSavedException(
            lost
                + "; the newer one stays, and this one was kept in "
                + recovery
                + " as a backup: should the newer one fail, run `qmcookie import --file "
                + recovery
                + where
                + "`"
                + store
                + " (without --replace, so that it cannot replace a newer login)",
            notSaved);
      }
      if (account.shared()) {
        // Another host may store a newer login before this is fixed: --replace would bypass the
        // guard that refuses to roll a login back, and a plain import of this newer key is taken.
        return new RenewalNotSavedException(
            lost
                + "; it was written to "
                + recovery
                + ": once that is fixed, run `qmcookie import --file "
                + recovery
                + where
                + "`"
                + store
                + " (without --replace, so that it cannot replace a newer login stored meanwhile)",
            notSaved);
      }
      return new RenewalNotSavedException(
          lost
              + "; it was written to "
              + recovery
              + ": once that is fixed, run `qmcookie import --replace --file "
              + recovery
              + where
              + "`"
              + store,
          notSaved);
    } catch (Exception recoveryFailed) {
      notSaved.addSuppressed(recoveryFailed);
      return new RenewalNotSavedException(
          lost
              + ", nor put aside ("
              + FailureText.describe(recoveryFailed)
              + "); the new key was "
              + Secrets.mask(renewed.login().musicKey())
              + " for uin "
              + renewed.login().uin()
              + ": once that is fixed, log in again with `qmcookie login"
              + where
              + "`"
              + store,
          notSaved);
    }
  }

  /** Whether the save failed because another writer stored a newer cookie first. */
  static boolean fenced(Exception notSaved) {
    return notSaved instanceof NewerCookieStoredException;
  }
}
