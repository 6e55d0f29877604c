/**
 * Reading an account's browser profile with Selenium: the {@link
 * dev.qmcookie.account.ProfileReader} of capture and the renewal's browser fallback, the account's
 * owner-only profile folder for a launch, and the QR code of a headless login. Joins account/ and
 * vault/ with browser/, which knows neither.
 */
package dev.qmcookie.capture;
