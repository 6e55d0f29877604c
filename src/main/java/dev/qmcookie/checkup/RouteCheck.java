package dev.qmcookie.checkup;

import dev.qmcookie.checkup.Check.Level;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.http.HostRoute;
import java.util.Optional;

/**
 * Doctor's word on the test route: a set route sends QQ's hosts elsewhere, which is right only
 * while testing against a local fake.
 */
public final class RouteCheck {
  private RouteCheck() {}

  /**
   * @param rules the variable's value, or null when it is not set
   * @param variable the variable's name
   * @return nothing when no route is set; else a warning naming the rules, or a failure when they
   *     cannot be used
   */
  public static Optional<Check> of(String rules, String variable) {
    if (rules == null || rules.isBlank()) {
      return Optional.empty();
    }
    try {
      HostRoute route = HostRoute.parse(rules, "$" + variable);
      return Optional.of(
          new Check(
              Level.WARN,
              "route",
              variable + " is set: " + route.describe(),
              "unset " + variable + " unless you are testing against a local fake"));
    } catch (InvalidInputException e) {
      return Optional.of(
          new Check(Level.FAIL, "route", e.getMessage(), "fix or unset $" + variable));
    }
  }
}
