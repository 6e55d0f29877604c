package dev.qmcookie.schedule;

/**
 * What one renewal attempt of the daemon came to.
 *
 * @param exitCode the code {@code qmcookie renew} would exit with
 * @param via "http" or "browser" for a renewal, else ""
 * @param message one line for the log and hooks; never a secret
 */
public record Outcome(Kind kind, int exitCode, String via, String message) {
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

  public boolean succeeded() {
    return kind == Kind.RENEWED;
  }
}
