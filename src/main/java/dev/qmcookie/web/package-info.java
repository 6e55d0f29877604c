/**
 * The daemon's web page under {@code /ui/}: sign-in, sessions and their CSRF tokens, the page's
 * JSON (accounts, history, renew and check now) and the QR logins the page starts. Uses every room
 * below it; {@code schedule} serves it through a plain {@code HttpHandler} and does not know it.
 */
package dev.qmcookie.web;
