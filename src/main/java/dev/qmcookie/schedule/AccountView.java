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
 */
public record AccountView(
    String name,
    Instant dueAt,
    Instant expiresAt,
    boolean needsLogin,
    String fingerprint,
    Instant notBefore,
    boolean refusedAtCheck,
    Instant keyCreatedAt) {

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
    this(name, dueAt, expiresAt, needsLogin, fingerprint, notBefore, refusedAtCheck, null);
  }

  /** Whether this login's key was created before {@code other}: an older login than that. */
  public boolean olderThan(Instant other) {
    return keyCreatedAt != null && other != null && keyCreatedAt.isBefore(other);
  }
}
