/**
 * A stand-in for y.qq.com, QQ's login pages and the renewal endpoint, served on loopback, so that
 * {@code doctor --selftest} and the tests prove the whole path without touching the real site.
 * Depends on nothing else here.
 */
package dev.qmcookie.selftest;
