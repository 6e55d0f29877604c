/**
 * The browser side of capture: finding Chrome and its driver, the account's persistent profile, a
 * Selenium session that reads every cookie through CDP, and the QR code of a headless login.
 * Depends on cookie/ only; loaded only by commands that need a browser.
 */
package dev.qmcookie.browser;
