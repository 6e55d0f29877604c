package dev.qmcookie.browser;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Reads the login QR code from a picture of it, and draws it again in a terminal with Unicode half
 * blocks: two rows of modules per line, so it stays square and scannable.
 */
public final class QrCodes {
  private static final int QUIET_ZONE = 2;

  private QrCodes() {}

  /** The text the QR code in {@code png} holds, or empty when no QR code can be read. */
  public static Optional<String> decode(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      if (image == null) {
        return Optional.empty();
      }
      int w = image.getWidth();
      int h = image.getHeight();
      int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
      LuminanceSource source = new RGBLuminanceSource(w, h, pixels);
      BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
      return Optional.of(
          new QRCodeReader()
              .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
              .getText());
    } catch (IOException | ReaderException e) {
      return Optional.empty();
    }
  }

  /**
   * The picture in {@code image} (a PNG, or the JPEG WeChat sends) as a PNG, or empty when it is no
   * picture ImageIO can read.
   */
  public static Optional<byte[]> toPng(byte[] image) {
    try {
      BufferedImage read = ImageIO.read(new ByteArrayInputStream(image));
      if (read == null) {
        return Optional.empty();
      }
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(read, "png", png);
      return Optional.of(png.toByteArray());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code text} as a QR code for a terminal with a dark background: light modules are drawn, dark
   * ones left blank, inside a light quiet zone.
   */
  public static String render(String text) {
    BitMatrix m;
    try {
      m =
          new QRCodeWriter()
              .encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, QUIET_ZONE));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode this text as a QR code", e);
    }
    StringBuilder out = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y += 2) {
      for (int x = 0; x < m.getWidth(); x++) {
        boolean top = !m.get(x, y);
        boolean bottom = y + 1 < m.getHeight() ? !m.get(x, y + 1) : true;
        out.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
      }
      out.append('\n');
    }
    return out.toString();
  }
}
