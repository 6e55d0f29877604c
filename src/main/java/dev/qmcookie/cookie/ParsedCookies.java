package dev.qmcookie.cookie;

/** What an import read: the format it detected and the cookies (with metadata, if it had any). */
public record ParsedCookies(CookieFormat format, CookieRecord record) {}
