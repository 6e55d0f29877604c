package dev.qmcookie.schedule;

import com.sun.net.httpserver.Headers;

/**
 * The headers every answer under {@code /ui/} carries, the page's own and those the endpoint gives
 * before the page is reached (a refused body): never cached, framed, sniffed or given a referrer,
 * and only the page's own files may run.
 */
public final class PageHeaders {
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self';"
          + " frame-ancestors 'none'; form-action 'self'";

  private PageHeaders() {}

  public static void apply(Headers headers) {
    headers.set("Cache-Control", "no-store");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  }
}
