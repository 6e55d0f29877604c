package dev.qmcookie.checkup;

/**
 * One finding of {@code doctor}: how bad it is, what was checked, what was found and, unless it is
 * fine, what to do about it.
 *
 * @param fix the next step, or null when there is none to name
 */
public record Check(Level level, String name, String detail, String fix) {
  public enum Level {
    OK,
    WARN,
    FAIL
  }
}
