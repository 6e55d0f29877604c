package dev.qmcookie.qrlogin;

/**
 * A QR code as the login server drew it.
 *
 * @param bytes the image file, as sent
 * @param mediaType its media type, for example {@code image/png}
 */
public record QrImage(byte[] bytes, String mediaType) {
  public QrImage {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "QrImage{" + mediaType + ", " + bytes.length + " bytes}";
  }
}
