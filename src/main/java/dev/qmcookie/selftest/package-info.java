/**
 * A stand-in for y.qq.com, QQ's login pages and the renewal endpoint, served on loopback, so that
 * {@code doctor --selftest} and the tests prove the whole path without touching the real site; and
 * the made-up command lines the launcher's start-up archive is trained on. Uses cookie/ only.
 */
package dev.qmcookie.selftest;
