package dev.qmcookie.schedule;

import java.time.Instant;

/**
 * What the scheduler needs to know of an account, read from the vault.
 *
 * @param needsLogin the key expired or the server refused the login: only a human can help
 * @param fingerprint changes whenever the stored cookie changes, by whoever
 * @param notBefore no try before this, as the last answer asked for patience (a device limit, too
 *     frequent); null when it did not
 * @param refusedAtCheck needs a login only because a live check (the daemon's, or a {@code status
 *     --check}) refused a key that should still be valid: the daemon settles that by renewing
 * @param keyCreatedAt when the stored login's key was created ({@code psrf_musickey_createtime}),
 *     which orders logins: a later one replaced an earlier one; null when not known
 * @param storedAt when the stored document was stored (imported or renewed), as it says; null when
 *     it does not say
 */
public record AccountView(
    String name,
    Instant dueAt,
    Instant expiresAt,
    boolean needsLogin,
    String fingerprint,
    Instant notBefore,
    boolean refusedAtCheck,
    Instant keyCreatedAt,
    Instant storedAt) {

  public AccountView(
      String name, Instant dueAt, Instant expiresAt, boolean needsLogin, String fingerprint) {
    this(name, dueAt, expiresAt, needsLogin, fingerprint, null);
  }

  public AccountView(
      String name,
      Instant dueAt,
      Instant expiresAt,
      boolean needsLogin,
      String fingerprint,
      Instant notBefore) {
    this(name, dueAt, expiresAt, needsLogin, fingerprint, notBefore, false);
  }

  public AccountView(
      String name,
      Instant dueAt,
      Instant expiresAt,
      boolean needsLogin,
      String fingerprint,
      Instant notBefore,
      boolean refusedAtCheck) {
    this(name, dueAt, expiresAt, needsLogin, fingerprint, notBefore, refusedAtCheck, null, null);
  }

  /**
   * Whether this is an older login than {@code handedOver}, stored again: its key was created
   * before that one's, and the document says it was stored before that one too (an old document
   * come back). A login someone imported on purpose since ({@code import --replace}) says it was
   * stored no earlier, and is handed over.
   */
  public boolean rollsBack(AccountView handedOver) {
    if (handedOver == null || keyCreatedAt == null || handedOver.keyCreatedAt == null) {
      return false;
    }
    if (!keyCreatedAt.isBefore(handedOver.keyCreatedAt)) {
      return false;
    }
    return storedAt == null
        || handedOver.storedAt == null
        || storedAt.isBefore(handedOver.storedAt);
  }
}
