package dev.qmcookie.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodesTest {
  static final String TEXT = "https://ptlogin2.qq.com/qr?token=abc123";

  @Test
  void decodesAPictureOfAQrCode() throws Exception {
    assertThat(QrCodes.decode(png(TEXT))).hasValue(TEXT);
  }

  @Test
  void aPictureWithoutAQrCodeGivesNothing() throws Exception {
    BufferedImage blank = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(blank, "png", out);

    assertThat(QrCodes.decode(out.toByteArray())).isEmpty();
    assertThat(QrCodes.decode(new byte[] {1, 2, 3})).isEmpty();
  }

  @Test
  void theTerminalDrawingHasTwoModuleRowsPerLineAndTheRightModules() throws Exception {
    String drawing = QrCodes.render(TEXT);
    BitMatrix m =
        new QRCodeWriter()
            .encode(
                TEXT,
                BarcodeFormat.QR_CODE,
                0,
                0,
                java.util.Map.of(com.google.zxing.EncodeHintType.MARGIN, 2));

    String[] lines = drawing.split("\n");
    assertThat(lines).hasSize((m.getHeight() + 1) / 2);
    assertThat(lines).allSatisfy(l -> assertThat(l).hasSize(m.getWidth()));
    // Light modules are drawn: the quiet zone is a full block, a finder pattern's dark corner is
    // blank.
    assertThat(lines[0].charAt(0)).isEqualTo('█');
    int y = 2;
    int x = 2;
    assertThat(m.get(x, y)).isTrue();
    assertThat(lines[y / 2].charAt(x)).isIn(' ', '▄');
    // Reading the drawing back gives the same modules.
    for (int row = 0; row < m.getHeight(); row++) {
      for (int col = 0; col < m.getWidth(); col++) {
        char c = lines[row / 2].charAt(col);
        boolean light = row % 2 == 0 ? (c == '█' || c == '▀') : (c == '█' || c == '▄');
        assertThat(light).as("module %d,%d", col, row).isEqualTo(!m.get(col, row));
      }
    }
  }

  static byte[] png(String text) throws Exception {
    BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 200, 200);
    BufferedImage image =
        new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        image.setRGB(x, y, m.get(x, y) ? 0 : 0xFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
