package dev.qmcookie.cli;

import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.renew.Sleeper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the everyday commands once against a throw-away home with a made-up cookie, offline, so that
 * the launcher can list the classes they load and build a class-data-sharing archive from them (see
 * {@code src/main/sh/qmcookie}). A real account, the network and the user's home are never touched.
 */
public final class StartupTraining {
  // Shaped like a QQ login so that every command has its usual work to do; no part is real.
  private static final String MADE_UP_COOKIE =
      "uin=100000001; qqmusic_key=Q_H_L_startupTRAININGnotREAL; qm_keyst=Q_H_L_startupTRAININGnotREAL;"
          + " psrf_musickey_createtime=%d; psrf_qqrefresh_token=TRAINING; psrf_qqaccess_token=TRAINING;"
          + " psrf_qqopenid=TRAINING; psrf_qqunionid=TRAINING; tmeLoginType=2; login_type=1";

  private StartupTraining() {}

  public static void main(String... args) throws IOException {
    int code;
    try (ScratchHome scratch = ScratchHome.create("qmcookie-training-")) {
      code = train(scratch.path());
    }
    System.exit(code);
  }

  /**
   * Runs the commands; returns 0, or the first non-zero exit code. The launcher archives what was
   * loaded either way; the code is for the tests.
   */
  static int train(Path home) {
    String cookie =
        String.format(Locale.ROOT, MADE_UP_COOKIE, Instant.now().getEpochSecond() - 3600);
    List<String[]> commands = new ArrayList<>();
    // The made-up cookie must not be shown to the real server.
    commands.add(new String[] {"import", "--no-check", cookie});
    commands.add(new String[] {"status"});
    commands.add(new String[] {"status", "--all"});
    commands.add(new String[] {"status", "--json"});
    for (CookieFormat format : CookieFormat.values()) {
      commands.add(new String[] {"export", "--format", format.id()});
    }
    int first = 0;
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--home", home.toString()));
      int code = Main.run(silent(), args.toArray(String[]::new));
      first = first == 0 ? code : first;
    }
    return first;
  }

  private static CliContext silent() {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    // No endpoint or proxy from the caller's environment can matter: nothing here goes online.
    return new CliContext(
        new ByteArrayInputStream(new byte[0]),
        nowhere,
        nowhere,
        Map.of(),
        Clock.systemUTC(),
        null,
        Sleeper.REAL,
        null);
  }
}
