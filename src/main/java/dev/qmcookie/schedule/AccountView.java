package dev.qmcookie.schedule;

import java.time.Instant;

/**
 * What the scheduler needs to know of an account, read from the vault.
 *
 * @param needsLogin the key expired or the server refused the login: only a human can help
 * @param fingerprint changes whenever the stored cookie changes, by whoever
 */
public record AccountView(
    String name, Instant dueAt, Instant expiresAt, boolean needsLogin, String fingerprint) {}
