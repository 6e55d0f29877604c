/**
 * The command line: one picocli class per command that parses, resolves and renders; the shared
 * work lives in {@code account} and below. The only package that reads flags and environment
 * variables; nothing imports it.
 */
package dev.qmcookie.cli;
