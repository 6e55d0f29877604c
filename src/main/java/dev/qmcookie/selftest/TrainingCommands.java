package dev.qmcookie.selftest;

import dev.qmcookie.cookie.CookieFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The everyday command lines the launcher trains its class-data-sharing archive on: an import of a
 * made-up cookie, status in its forms and an export in every format. They need no network.
 */
public final class TrainingCommands {
  // Shaped like a QQ login so that every command has its usual work to do; no part is real.
  private static final String MADE_UP_COOKIE =
      "uin=100000001; qqmusic_key=Q_H_L_startupTRAININGnotREAL; qm_keyst=Q_H_L_startupTRAININGnotREAL;"
          + " psrf_musickey_createtime=%d; psrf_qqrefresh_token=TRAINING; psrf_qqaccess_token=TRAINING;"
          + " psrf_qqopenid=TRAINING; psrf_qqunionid=TRAINING; tmeLoginType=2; login_type=1";

  private TrainingCommands() {}

  /** The command lines, without a home; the cookie was created an hour before {@code now}. */
  public static List<List<String>> of(Instant now) {
    String cookie = String.format(Locale.ROOT, MADE_UP_COOKIE, now.getEpochSecond() - 3600);
    List<List<String>> commands = new ArrayList<>();
    // The made-up cookie must not be shown to the real server.
    commands.add(List.of("import", "--no-check", cookie));
    commands.add(List.of("status"));
    commands.add(List.of("status", "--all"));
    commands.add(List.of("status", "--json"));
    for (CookieFormat format : CookieFormat.values()) {
      commands.add(List.of("export", "--format", format.id()));
    }
    return commands;
  }
}
