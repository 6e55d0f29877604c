/**
 * Periodic renewal: when each account is due (with jitter and backoff), the daemon loop that sleeps
 * until then, and the hand-over to consumers (export targets, hooks). Uses {@code account} for the
 * renewal and {@code vault} for the accounts; below the CLI.
 */
package dev.qmcookie.schedule;
