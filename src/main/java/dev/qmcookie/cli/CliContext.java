package dev.qmcookie.cli;

import dev.qmcookie.renew.Sleeper;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/**
 * Everything a command takes from its surroundings, so that tests run the real commands with their
 * own streams, environment, clock and sleeper.
 *
 * @param console the terminal for a hidden prompt, or null when there is none
 */
public record CliContext(
    InputStream in,
    PrintWriter out,
    PrintWriter err,
    Map<String, String> env,
    Clock clock,
    ZoneId zone,
    Sleeper sleeper,
    Console console) {

  /** The real process: System streams and environment, the system clock and zone. */
  public static CliContext system() {
    return new CliContext(
        System.in,
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        System.getenv(),
        Clock.systemUTC(),
        ZoneId.systemDefault(),
        Sleeper.REAL,
        System.console());
  }
}
