package dev.qmcookie.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code --on-renew} and {@code --on-failure} commands through {@code /bin/sh -c}. What
 * happened is passed in environment variables, never a secret and never in argv. A hook has a time
 * limit; a failing hook is logged and changes nothing else.
 */
public final class Hooks {
  private static final int OUTPUT_LIMIT = 2000;

  private final String onRenew;
  private final String onFailure;
  private final Duration limit;
  private final EventLog log;
  private final PageLinks links;

  /**
   * @param onRenew or onFailure may be null for "none"
   */
  public Hooks(String onRenew, String onFailure, Duration limit, EventLog log) {
    this(onRenew, onFailure, limit, log, null);
  }

  /**
   * @param links where the page shows an account, given to {@code --on-failure} as {@code
   *     QMCOOKIE_UI_URL}; null without a public URL
   */
  public Hooks(String onRenew, String onFailure, Duration limit, EventLog log, PageLinks links) {
    this.onRenew = onRenew;
    this.onFailure = onFailure;
    this.limit = limit;
    this.log = log;
    this.links = links;
  }

  /** Who changed the stored cookie that an {@code --on-renew} hook is told about. */
  public enum ChangedBy {
    /** This daemon's own renewal. */
    DAEMON,
    /** Another process: cron, a CLI renew, an import or a login. */
    OTHER;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Runs the hook that fits the outcome, if one is set, and waits for it within the limit. A
   * success is this daemon's own renewal.
   */
  public void run(String account, Outcome outcome, String state, Iterable<?> exports) {
    run(account, outcome, state, exports, ChangedBy.DAEMON);
  }

  /**
   * Like {@link #run(String, Outcome, String, Iterable)}; an {@code --on-renew} hook also gets
   * {@code QMCOOKIE_CHANGED_BY}, so that it can tell the daemon's renewals from changes by others.
   */
  public void run(
      String account, Outcome outcome, String state, Iterable<?> exports, ChangedBy changedBy) {
    String command = outcome.succeeded() ? onRenew : onFailure;
    if (command == null || command.isBlank()) {
      return;
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QMCOOKIE_ACCOUNT", account);
    env.put("QMCOOKIE_OUTCOME", outcome.kind().id());
    env.put("QMCOOKIE_EXIT_CODE", Integer.toString(outcome.exitCode()));
    env.put("QMCOOKIE_STATE", state);
    env.put("QMCOOKIE_VIA", outcome.via());
    env.put("QMCOOKIE_MESSAGE", outcome.message());
    StringBuilder files = new StringBuilder();
    for (Object e : exports) {
      files.append(files.length() == 0 ? "" : "\n").append(e);
    }
    env.put("QMCOOKIE_EXPORTS", files.toString());
    if (outcome.succeeded()) {
      env.put("QMCOOKIE_CHANGED_BY", changedBy.id());
    } else if (links != null) {
      env.put("QMCOOKIE_UI_URL", links.account(account));
    }
    String which = outcome.succeeded() ? "on-renew" : "on-failure";
    long start = System.nanoTime();
    Path output = null;
    try {
      // Output goes to a file: a chatty hook must not block on a full pipe nobody reads.
      output = Files.createTempFile("qmcookie-hook-", ".log");
      ProcessBuilder pb =
          new ProcessBuilder("/bin/sh", "-c", command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      boolean done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        log.log(
            "hook-failed",
            account,
            fields(which, "no end within " + limit.toSeconds() + "s; stopped", start, null));
        return;
      }
      String text;
      try (InputStream in = Files.newInputStream(output)) {
        text = new String(in.readNBytes(OUTPUT_LIMIT), StandardCharsets.UTF_8).strip();
      }
      log.log(
          p.exitValue() == 0 ? "hook-ran" : "hook-failed",
          account,
          fields(which, text.isEmpty() ? null : text, start, p.exitValue()));
    } catch (IOException e) {
      log.log(
          "hook-failed", account, fields(which, "cannot start: " + e.getMessage(), start, null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // A leftover log in the temp folder holds no secret.
        }
      }
    }
  }

  private static Map<String, Object> fields(
      String hook, String output, long startNanos, Integer exit) {
    return EventLog.fields(
        "hook",
        hook,
        "exit",
        exit,
        "ms",
        (System.nanoTime() - startNanos) / 1_000_000,
        "output",
        output);
  }
}
