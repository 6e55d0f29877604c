package dev.qmcookie.failure;

import java.util.List;

/** Input the user gave (a cookie, a flag value, a file) cannot be used as it is. */
public final class InvalidInputException extends QmcookieException {
  /** The most problems the message lists; a garbage file can have thousands. */
  static final int LISTED_PROBLEMS = 10;

  private final List<String> problems;

  public InvalidInputException(String message) {
    this(message, List.of());
  }

  /**
   * @param problems each missing or malformed thing, named; they are appended to the message
   */
  public InvalidInputException(String message, List<String> problems) {
    super(problems.isEmpty() ? message : message + ": " + listed(problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of();
  }

  private static String listed(List<String> problems) {
    if (problems.size() <= LISTED_PROBLEMS) {
      return String.join("; ", problems);
    }
    return String.join("; ", problems.subList(0, LISTED_PROBLEMS))
        + "; and "
        + (problems.size() - LISTED_PROBLEMS)
        + " more";
  }

  /** Each problem found, one per entry; empty when the message says it all. */
  public List<String> problems() {
    return problems;
  }
}
