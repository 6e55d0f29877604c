/**
 * The first login without a browser: QQ's ptlogin2 and WeChat's open-platform QR flows over HTTP,
 * ending in a new cookie record. Given an OkHttpClient, a Clock and a Sleeper; stores nothing.
 */
package dev.qmcookie.qrlogin;
