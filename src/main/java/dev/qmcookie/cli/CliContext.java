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
 * @param zone the zone times are shown in; null for the system's, looked up when first needed
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

  /**
   * The real process: System streams and environment, the system clock and zone. The zone is left
   * to {@link #zone()}: looking it up reads the time-zone database, a sixth of a cold start, and
   * most commands show no clock time.
   */
  public static CliContext system() {
    return new CliContext(
        System.in,
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        System.getenv(),
        Clock.systemUTC(),
        null,
        Sleeper.REAL,
        System.console());
  }

  @Override
  public ZoneId zone() {
    return zone != null ? zone : ZoneId.systemDefault();
  }
}
