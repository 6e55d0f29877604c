package dev.qmcookie.qrlogin;

import dev.qmcookie.renew.Sleeper;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** A login by QR code that the user scans with a phone app. */
public interface QrLogin {

  /** WeChat's flow or QQ's, over {@code client}, sending {@code userAgent} on every request. */
  static QrLogin overHttp(
      boolean weChat, OkHttpClient client, Clock clock, Sleeper sleeper, String userAgent) {
    return weChat
        ? new WeChatQrLogin(client, clock, sleeper, userAgent)
        : new QqQrLogin(client, clock, sleeper, userAgent);
  }

  /**
   * Shows codes to {@code listener} until one is confirmed on the phone, then exchanges it for a
   * music key. Nothing is written anywhere: storing the result is the caller's.
   *
   * @throws dev.qmcookie.failure.LoginInvalidException when the login was refused on the phone, not
   *     confirmed within {@code timeout}, or refused by the server (code already used, device
   *     limit)
   * @throws dev.qmcookie.failure.TransientFailureException on a network fault or an unexpected
   *     answer
   */
  QrLoginResult run(Listener listener, Duration timeout);

  /** What the person in front of the terminal needs to know, as it happens. */
  interface Listener {
    /** A code to scan: the first one, or a new one after {@link #expired()}. */
    void qrCode(QrImage image);

    /** The code is shown and no one has scanned it yet. */
    void waiting();

    /** The code was scanned: the login waits for its confirmation on the phone. */
    void scanned();

    /** The code expired unscanned; a new one follows through {@link #qrCode}. */
    void expired();
  }
}
