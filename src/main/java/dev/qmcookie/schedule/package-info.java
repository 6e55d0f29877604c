/**
 * Periodic renewal: when each account is due (with jitter and backoff), the daemon loop that
 * sleeps until then, and the hand-over to consumers (export targets, hooks). Reaches the vault and
 * the renewal through small interfaces the CLI implements.
 */
package dev.qmcookie.schedule;
