/**
 * The one OkHttpClient factory: timeouts, and the proxy the environment names, from a map the
 * command line passes in. It uses only {@code failure/}, for the bad input a malformed proxy
 * setting is; nothing else of qmcookie.
 */
package dev.qmcookie.http;
