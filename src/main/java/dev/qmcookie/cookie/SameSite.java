package dev.qmcookie.cookie;

import java.util.Locale;

/** A cookie's SameSite attribute; {@link #UNSPECIFIED} when it was set without one. */
public enum SameSite {
  UNSPECIFIED,
  NONE,
  LAX,
  STRICT;

  /**
   * Reads the spellings the supported formats use: {@code Lax}, {@code no_restriction}, {@code
   * unspecified}, {@code null} and so on. Unknown words become {@link #UNSPECIFIED}.
   */
  public static SameSite parse(String text) {
    if (text == null) {
      return UNSPECIFIED;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "none":
      case "no_restriction":
        return NONE;
      case "lax":
        return LAX;
      case "strict":
        return STRICT;
      default:
        return UNSPECIFIED;
    }
  }

  /** The capitalised attribute value ({@code Lax}), or null when unspecified. */
  public String attributeValue() {
    switch (this) {
      case NONE:
        return "None";
      case LAX:
        return "Lax";
      case STRICT:
        return "Strict";
      default:
        return null;
    }
  }
}
