/**
 * The checks of {@code doctor}: the machine, the home and its files, the endpoint in effect and the
 * Meting-API hand-over, each returned as a {@link dev.qmcookie.checkup.Check} with its fix. Given
 * values the command line resolved; reads no flag, environment variable or config and never prints.
 */
package dev.qmcookie.checkup;
