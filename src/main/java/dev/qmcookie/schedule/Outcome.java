package dev.qmcookie.schedule;

import java.time.Instant;

/**
 * What one renewal attempt of the daemon came to.
 *
 * @param exitCode the code {@code qmcookie renew} would exit with
 * @param via "http" or "browser" for a renewal, else ""
 * @param message one line for the log and hooks; never a secret
 * @param state the account's state after it, as hooks and alerts name it: {@code fresh}, {@code
 *     due} after a plain passing fault, {@code device-limit}, {@code too-frequent}, {@code
 *     store-unreachable}, {@code needs-login}, {@code needs-verification}, {@code account-problem}
 *     or {@code failed}
 * @param retryAt for {@link Kind#SKIPPED}: when the other renewer's hold runs out, should it have
 *     died; null when its renewal has landed, and for every other kind
 */
public record Outcome(
    Kind kind, int exitCode, String via, String message, String state, Instant retryAt) {
  /** The families of results the daemon reacts to differently. */
  public enum Kind {
    RENEWED,
    NOT_DUE,
    /** Another host of the shared store holds the account, or has just renewed it. */
    SKIPPED,
    NEEDS_LOGIN,
    TRANSIENT,
    FAILED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public Outcome(Kind kind, int exitCode, String via, String message, String state) {
    this(kind, exitCode, via, message, state, null);
  }

  /** An outcome in the state its kind implies. */
  public Outcome(Kind kind, int exitCode, String via, String message) {
    this(kind, exitCode, via, message, defaultState(kind));
  }

  /** An account another renewer holds; see {@link #retryAt}. */
  public static Outcome skipped(String why, Instant retryAt) {
    return new Outcome(Kind.SKIPPED, 0, "", why, retryAt == null ? "fresh" : "due", retryAt);
  }

  private static String defaultState(Kind kind) {
    return switch (kind) {
      case RENEWED, NOT_DUE -> "fresh";
      case TRANSIENT, SKIPPED -> "due";
      default -> kind.id();
    };
  }

  public boolean succeeded() {
    return kind == Kind.RENEWED;
  }
}
