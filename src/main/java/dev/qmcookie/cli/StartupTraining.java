package dev.qmcookie.cli;

import dev.qmcookie.renew.Sleeper;
import dev.qmcookie.selftest.TrainingCommands;
import dev.qmcookie.vault.ScratchHome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the everyday commands ({@link TrainingCommands}) once against a throw-away home, offline, so
 * that the launcher can list the classes they load and build a class-data-sharing archive from them
 * (see {@code src/main/sh/qmcookie}). A real account, the network and the user's home are never
 * touched.
 */
public final class StartupTraining {
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
    int first = 0;
    for (List<String> command : TrainingCommands.of(Instant.now())) {
      List<String> args = new ArrayList<>(command);
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
