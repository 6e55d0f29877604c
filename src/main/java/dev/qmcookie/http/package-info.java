/**
 * The one OkHttpClient factory: timeouts, the proxy the environment names, and the test route that
 * sends QQ's hosts to a local fake ({@link dev.qmcookie.http.HostRoute}), from values the command
 * line passes in. It uses only {@code failure/}, for the bad input a malformed proxy setting or
 * rule is; nothing else of qmcookie.
 */
package dev.qmcookie.http;
