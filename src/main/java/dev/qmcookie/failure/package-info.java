/**
 * The three ways qmcookie can fail, as exception types: the login is gone, a passing fault, or bad
 * input. Every other package throws these; only the CLI turns them into exit codes.
 */
package dev.qmcookie.failure;
