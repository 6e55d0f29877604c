/**
 * Reading an account's browser profile with Selenium: the {@link
 * dev.qmcookie.account.ProfileReader} that capture, login and the renewal's browser fallback use,
 * and the preparation of the account's owner-only profile folder for a launch. Joins account/ and
 * vault/ with browser/, which knows neither.
 */
package dev.qmcookie.capture;
