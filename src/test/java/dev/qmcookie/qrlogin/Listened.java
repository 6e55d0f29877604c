package dev.qmcookie.qrlogin;

import java.util.ArrayList;
import java.util.List;

/** Records what a flow told its listener, as words. */
final class Listened implements QrLogin.Listener {
  final List<String> events = new ArrayList<>();
  final List<QrImage> images = new ArrayList<>();

  @Override
  public void qrCode(QrImage image) {
    images.add(image);
    events.add("qr");
  }

  @Override
  public void waiting() {
    events.add("waiting");
  }

  @Override
  public void scanned() {
    events.add("scanned");
  }

  @Override
  public void expired() {
    events.add("expired");
  }
}
