package dev.qmcookie.failure;

import java.util.List;

/** Input the user gave (a cookie, a flag value, a file) cannot be used as it is. */
public final class InvalidInputException extends QmcookieException {
  private final List<String> problems;

  public InvalidInputException(String message) {
    this(message, List.of());
  }

  /**
   * @param problems each missing or malformed thing, named; they are appended to the message
   */
  public InvalidInputException(String message, List<String> problems) {
    super(problems.isEmpty() ? message : message + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of();
  }

  /** Each problem found, one per entry; empty when the message says it all. */
  public List<String> problems() {
    return problems;
  }
}
