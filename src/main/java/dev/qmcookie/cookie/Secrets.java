package dev.qmcookie.cookie;

import java.util.Set;

/** Masking of secret values for anything that leaves the process: logs, messages, dry runs. */
public final class Secrets {
  // Readable without giving anything away: ids, times and login kinds help a user see which
  // account and key they are looking at.
  private static final Set<String> PUBLIC_COOKIES =
      Set.of(
          "uin",
          "wxuin",
          "login_type",
          "tmeLoginType",
          "psrf_musickey_createtime",
          "psrf_access_token_expiresAt");

  private static final String[] KEY_PREFIXES = {"Q_H_L_", "W_X_"};

  private Secrets() {}

  /**
   * Masks a secret so that a user can still tell two apart: {@code Q_H_L_6f2…A} becomes {@code
   * Q_H_L_6***A}. Short values are masked whole.
   */
  public static String mask(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String prefix = "";
    for (String p : KEY_PREFIXES) {
      if (value.startsWith(p)) {
        prefix = p;
        break;
      }
    }
    String rest = value.substring(prefix.length());
    if (rest.length() < 6) {
      return prefix + "***";
    }
    return prefix + rest.charAt(0) + "***" + rest.charAt(rest.length() - 1);
  }

  /** True when a cookie of this name may be shown unmasked. */
  public static boolean isPublic(String cookieName) {
    return PUBLIC_COOKIES.contains(cookieName);
  }

  /** The value as it may be shown: unmasked for public cookies, masked otherwise. */
  public static String display(String cookieName, String value) {
    return isPublic(cookieName) ? value : mask(value);
  }
}
