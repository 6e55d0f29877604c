package dev.qmcookie.cli;

import dev.qmcookie.capture.LoginInProfile;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * A live "waiting… 42s" line: rewritten in place on a terminal, one line every 30s in a log, so
 * that an unattended run does not fill its log with progress.
 */
final class WaitingLine implements LoginInProfile.Waiting {
  private static final long LOG_EVERY_SECONDS = 30;

  private final PrintWriter err;
  private final String what;
  private final boolean terminal;
  private long lastLogged = -1;
  private boolean drawn;

  WaitingLine(PrintWriter err, String what, boolean terminal) {
    this.err = err;
    this.what = what;
    this.terminal = terminal;
  }

  @Override
  public void show(Duration waited) {
    long s = waited.toSeconds();
    if (terminal) {
      err.print("\r" + what + "… " + s + "s ");
      drawn = true;
      err.flush();
    } else if (lastLogged < 0 || s - lastLogged >= LOG_EVERY_SECONDS) {
      lastLogged = s;
      err.println(what + "… " + s + "s");
      err.flush();
    }
  }

  @Override
  public void done() {
    if (drawn) {
      err.println();
      drawn = false;
    }
  }
}
