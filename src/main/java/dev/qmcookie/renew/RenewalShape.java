package dev.qmcookie.renew;

import java.util.Locale;

/**
 * The two renewal request shapes of {@code docs/protocol.md}: A is the original write-up's {@code
 * QQConnectLogin.LoginServer / QQLogin}, B the reference library's {@code music.login.LoginServer /
 * Login} with the web {@code comm} and {@code refresh_key}.
 */
public enum RenewalShape {
  A("a"),
  B("b");

  private final String id;

  RenewalShape(String id) {
    this.id = id;
  }

  /** The id stored in cookie.json and the history, and given to {@code --shape}. */
  public String id() {
    return id;
  }

  public RenewalShape other() {
    return this == A ? B : A;
  }

  /** The shape with this id, or null for null or an id no qmcookie wrote. */
  public static RenewalShape ofId(String id) {
    if (id == null) {
      return null;
    }
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (RenewalShape s : values()) {
      if (s.id.equals(wanted)) {
        return s;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return id;
  }
}
