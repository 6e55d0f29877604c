package dev.qmcookie.capture;

import dev.qmcookie.account.StoredLogin;
import dev.qmcookie.account.Times;
import dev.qmcookie.browser.BrowserGoneException;
import dev.qmcookie.browser.BrowserLogin;
import dev.qmcookie.browser.BrowserSession;
import dev.qmcookie.browser.LaunchSpec;
import dev.qmcookie.failure.LoginInvalidException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A login by hand in the account's own browser profile: waits for it, follows the QR code of a
 * headless one, and turns a login that did not complete into a {@link LoginInvalidException}.
 */
public final class LoginInProfile {
  /** Where the wait is shown. */
  public interface Waiting {
    /** Once a tick, with the time waited so far. */
    void show(Duration waited);

    /** The wait is over, logged in or not. */
    void done();
  }

  /**
   * Where a headless login's QR code goes.
   *
   * @param screen shows each new code
   * @param pngOut where to save the QR picture too ({@code --qr-png}), or null
   * @param screenshotOut where to save the page when no QR code can be found
   */
  public record Qr(LoginQr.Screen screen, Path pngOut, Path screenshotOut) {}

  private LoginInProfile() {}

  /**
   * Opens {@code url} in the launched profile and waits up to {@code timeout} for the login.
   *
   * @param qr where the QR code goes, or null when a window shows the page
   * @throws LoginInvalidException when the browser closed or no login completed in time; nothing
   *     was written then
   */
  public static BrowserLogin.Login run(
      LaunchSpec spec, String url, Duration timeout, Waiting waiting, Qr qr) throws Exception {
    Optional<BrowserLogin.Login> login;
    try {
      login =
          new BrowserLogin(StoredLogin::qqFamily)
              .run(spec, url, timeout, new Progress(waiting, qr));
    } catch (BrowserGoneException closed) {
      // Most often the user closed the window; a crashed browser reads the same way.
      throw new LoginInvalidException(
          "the browser closed before the login completed; nothing was written. Run qmcookie login again",
          0);
    }
    if (login.isEmpty()) {
      throw new LoginInvalidException(
          "no login was completed within "
              + Times.duration(timeout)
              + "; nothing was written. Run qmcookie login again (--timeout gives more time)",
          0);
    }
    return login.get();
  }

  /** The waiting line, and with a QR screen the QR code. */
  private static final class Progress implements BrowserLogin.Progress {
    private final Waiting waiting;
    private final Qr qrOut;
    private LoginQr qr;

    Progress(Waiting waiting, Qr qrOut) {
      this.waiting = waiting;
      this.qrOut = qrOut;
    }

    @Override
    public void opened(BrowserSession session) {
      if (qrOut != null) {
        qr = new LoginQr(session, qrOut.screen(), qrOut.pngOut(), qrOut.screenshotOut());
        qr.start();
      }
    }

    @Override
    public void waited(Duration waited) {
      waiting.show(waited);
      if (qr != null) {
        try {
          qr.tick(waited);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    public void ended() {
      waiting.done();
    }
  }
}
