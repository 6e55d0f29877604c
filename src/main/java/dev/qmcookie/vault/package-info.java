/**
 * Where cookies live on disk: account folders under a home, atomic owner-only files, the previous
 * version, the account lock and the renewal history. Depends on {@code cookie}.
 */
package dev.qmcookie.vault;
