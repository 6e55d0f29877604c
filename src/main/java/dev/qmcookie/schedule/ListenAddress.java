package dev.qmcookie.schedule;

import java.net.InetSocketAddress;

/** The address of {@code --listen}: {@code PORT} on the loopback, or {@code HOST:PORT}. */
public final class ListenAddress {
  private ListenAddress() {}

  /**
   * @throws IllegalArgumentException when {@code text} is neither {@code PORT} nor {@code
   *     HOST:PORT}
   */
  public static InetSocketAddress parse(String text) {
    String trimmed = text.trim();
    int colon = trimmed.lastIndexOf(':');
    String host = colon < 0 ? "127.0.0.1" : trimmed.substring(0, colon);
    String port = colon < 0 ? trimmed : trimmed.substring(colon + 1);
    try {
      int p = Integer.parseInt(port);
      if (p < 0 || p > 65535 || host.isBlank()) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(host.replaceAll("^\\[|\\]$", ""), p);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--listen must be PORT or HOST:PORT, like 127.0.0.1:8091");
    }
  }
}
