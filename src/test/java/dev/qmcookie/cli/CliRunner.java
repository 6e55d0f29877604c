package dev.qmcookie.cli;

import dev.qmcookie.renew.Sleeper;
import dev.qmcookie.testkit.HandClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs real qmcookie command lines in-process against a private home, with a hand-moved clock and
 * no real sleeping: {@code Main.run} as a user's shell would call it.
 */
final class CliRunner {
  final Path home;
  final HandClock clock = new HandClock(QqLogin.NOW);
  final Map<String, String> env = new HashMap<>();
  final List<Duration> sleeps = new ArrayList<>();

  /** Whether each sleep moves the clock on by as much, for a command that waits until a time. */
  boolean sleepsMoveTheClock;

  CliRunner(Path home) {
    this.home = home;
    env.put("QMCOOKIE_HOME", home.toString());
    // The live check of import, login and the daemon goes to a closed local port unless a test
    // points it at a fake: never to the real page.
    env.put("QMCOOKIE_CHECK_ENDPOINT", CLOSED_CHECK_ENDPOINT);
  }

  static final String CLOSED_CHECK_ENDPOINT = "http://127.0.0.1:9/fcg_get_profile_homepage.fcg";

  /** The outcome of one command line. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  Result runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Sleeper sleeper =
        d -> {
          synchronized (sleeps) {
            sleeps.add(d);
          }
          if (sleepsMoveTheClock) {
            clock.advance(d);
          }
        };
    CliContext context =
        new CliContext(
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            Map.copyOf(env),
            clock,
            ZoneOffset.UTC,
            sleeper,
            null);
    int code = Main.run(context, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Imports {@code cookie} through standard input and insists that it worked. */
  Result importCookie(String account, String cookie, String... extra) {
    List<String> args = new ArrayList<>(List.of("import", "--account", account, "-"));
    args.addAll(List.of(extra));
    Result r = runWithInput(cookie, args.toArray(String[]::new));
    if (r.code() != 0) {
      throw new AssertionError("import failed: " + r);
    }
    return r;
  }

  Path accountDir(String account) {
    return home.resolve(account);
  }

  byte[] storedBytes(String account) throws IOException {
    return Files.readAllBytes(accountDir(account).resolve("cookie.json"));
  }

  List<String> history(String account) throws IOException {
    Path file = accountDir(account).resolve("history.jsonl");
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }
}
