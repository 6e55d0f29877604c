package dev.qmcookie.cookie;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

  private static final int HIDDEN_MIN_LENGTH = 6;

  private static final List<String> LOGIN_SECRETS =
      List.of(
          MusicLogin.MUSIC_KEY,
          MusicLogin.MUSIC_KEY_ALIAS,
          MusicLogin.QQ_REFRESH_TOKEN,
          MusicLogin.QQ_ACCESS_TOKEN,
          MusicLogin.QQ_OPENID,
          MusicLogin.QQ_UNIONID,
          MusicLogin.WX_REFRESH_TOKEN,
          MusicLogin.WX_ACCESS_TOKEN,
          MusicLogin.WX_OPENID,
          MusicLogin.WX_UNIONID);

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

  /**
   * {@code text} with every whole occurrence of one of {@code record}'s login secrets (the music
   * key, the OAuth tokens and ids of either login kind, and the {@code refresh_key}: what a renewal
   * sends in its body) replaced by its {@link #mask}. For the server's own words, which may echo
   * what they were sent.
   */
  public static String hide(String text, CookieRecord record) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    List<String> secrets = new ArrayList<>();
    for (Cookie c : record.cookies()) {
      if (LOGIN_SECRETS.contains(c.name())) {
        secrets.add(c.value());
      }
    }
    if (record.metadata().refreshKey() != null) {
      secrets.add(record.metadata().refreshKey());
    }
    // The longest first, so that a secret holding another is masked whole.
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    String out = text;
    for (String secret : secrets) {
      // A value this short would mask ordinary words and numbers, and gives little away.
      if (secret.length() >= HIDDEN_MIN_LENGTH) {
        out = out.replace(secret, mask(secret));
      }
    }
    return out;
  }
}
