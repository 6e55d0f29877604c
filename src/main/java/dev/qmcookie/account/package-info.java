/**
 * The use cases that the commands and the daemon share: renew one account, store a captured login,
 * an account's status as a value, export. Takes a clock, a sleeper, an HTTP client and a {@link
 * dev.qmcookie.account.ProfileReader}; returns values and throws the failure types, never prints.
 */
package dev.qmcookie.account;
