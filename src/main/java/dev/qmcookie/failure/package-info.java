/**
 * The three ways qmcookie can fail, as exception types: the login is gone, a passing fault, or bad
 * input. Every other package throws these; {@link dev.qmcookie.failure.ExitStatus} gives each its
 * exit status and {@link dev.qmcookie.failure.FailureText} its one line, for the CLI and the daemon.
 */
package dev.qmcookie.failure;
