package dev.qmcookie.renew;

import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.SameSite;

/** Cookies that QQ's answers set, as OkHttp parsed them, in the form the vault stores. */
public final class SetCookies {
  private SetCookies() {}

  /** A domain cookie keeps its leading dot, as browsers report it; a session cookie stays one. */
  public static Cookie of(okhttp3.Cookie c) {
    return new Cookie(
        c.name(),
        c.value(),
        c.hostOnly() ? c.domain() : "." + c.domain(),
        c.path(),
        c.persistent() ? c.expiresAt() / 1000 : Cookie.SESSION,
        c.httpOnly(),
        c.secure(),
        SameSite.parse(c.sameSite()));
  }
}
