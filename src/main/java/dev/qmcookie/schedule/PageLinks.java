package dev.qmcookie.schedule;

import okhttp3.HttpUrl;

/**
 * Links to the daemon's page at the address users reach it ({@code --public-url}), for alerts: a
 * person who gets one opens the account's row straight away.
 */
public final class PageLinks {
  private final String page;

  /**
   * @param publicUrl where users reach the daemon, http or https; the page is under its {@code ui/}
   */
  public PageLinks(HttpUrl publicUrl) {
    String base = publicUrl.toString();
    this.page = (base.endsWith("/") ? base : base + "/") + "ui/";
  }

  /** The page itself. */
  public String page() {
    return page;
  }

  /** The account's row on the page; the page itself for an alert about no one account. */
  public String account(String name) {
    return name == null || name.isEmpty() ? page : page + "#account-" + name;
  }
}
