/**
 * How qmcookie fails, as exception types: the login is gone ({@link LoginInvalidException}), a
 * passing fault ({@link TransientFailureException}), bad input ({@link InvalidInputException}), a
 * machine that lacks a browser, driver or display ({@link SetupException}), and a renewal the
 * server made that could not be stored ({@link RenewalNotSavedException}); a refused login or a
 * passing fault carries its {@link Verdict}, the state it leaves the account in. Every other
 * package throws these; {@link dev.qmcookie.failure.ExitStatus} gives each its exit status and
 * {@link dev.qmcookie.failure.FailureText} its one line, for the CLI and the daemon.
 */
package dev.qmcookie.failure;
