package dev.qmcookie.renew;

/**
 * The web client's {@code g_tk}: a 31-bit hash of the music key that QQ Music's web requests carry
 * to show that the sender can read the key. Shape B renewals and the live check both send it.
 */
public final class Hash33 {
  /** The seed of the web {@code g_tk}. (The QR login's {@code ptqrtoken} uses 0.) */
  public static final int WEB_SEED = 5381;

  private Hash33() {}

  /**
   * {@code h = (h << 5) + h + c} for each UTF-16 unit {@code c} of {@code text}, kept to 31 bits.
   */
  public static int of(String text, int seed) {
    int h = seed;
    for (int i = 0; i < text.length(); i++) {
      h = ((h << 5) + h + text.charAt(i)) & 0x7fffffff;
    }
    return h;
  }

  /** The {@code g_tk} for a music key. */
  public static int gTk(String musicKey) {
    return of(musicKey, WEB_SEED);
  }
}
