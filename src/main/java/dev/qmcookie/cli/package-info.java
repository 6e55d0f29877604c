/**
 * The command line: one picocli class per command, wiring only. The only package that reads flags
 * and environment variables, and the only one that knows every other package.
 */
package dev.qmcookie.cli;
