package dev.qmcookie.schedule;

/**
 * What one renewal attempt of the daemon came to.
 *
 * @param exitCode the code {@code qmcookie renew} would exit with
 * @param via "http" or "browser" for a renewal, else ""
 * @param message one line for the log and hooks; never a secret
 * @param state the account's state after it, as hooks and alerts name it: {@code fresh}, {@code
 *     due} after a plain passing fault, {@code device-limit}, {@code too-frequent}, {@code
 *     needs-login}, {@code needs-verification}, {@code account-problem} or {@code failed}
 */
public record Outcome(Kind kind, int exitCode, String via, String message, String state) {
  /** The families of results the daemon reacts to differently. */
  public enum Kind {
    RENEWED,
    NOT_DUE,
    NEEDS_LOGIN,
    TRANSIENT,
    FAILED;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** An outcome in the state its kind implies. */
  public Outcome(Kind kind, int exitCode, String via, String message) {
    this(kind, exitCode, via, message, defaultState(kind));
  }

  private static String defaultState(Kind kind) {
    return switch (kind) {
      case RENEWED, NOT_DUE -> "fresh";
      case TRANSIENT -> "due";
      default -> kind.id();
    };
  }

  public boolean succeeded() {
    return kind == Kind.RENEWED;
  }
}
