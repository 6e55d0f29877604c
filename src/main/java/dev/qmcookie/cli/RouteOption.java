package dev.qmcookie.cli;

import dev.qmcookie.http.HostRoute;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The test seam of the commands that talk to QQ: {@code --route}, else {@code $QMCOOKIE_ROUTE}.
 * Resolved once per command, so that its warning is printed once however many clients use it.
 */
final class RouteOption {
  static final String ENV = "QMCOOKIE_ROUTE";

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--route",
      paramLabel = "RULES",
      description =
          "For tests: send requests for matching hosts to a local fake, keeping path, query and"
              + " Host, like '*.qq.com=http://127.0.0.1:8080'; several separated by commas; ''"
              + " for none (default: $"
              + ENV
              + ").")
  String rules;

  private HostRoute resolved;

  /**
   * The route in effect, with a warning on the first call when there is one.
   *
   * @throws dev.qmcookie.failure.InvalidInputException when a rule cannot be used
   */
  HostRoute route(CliContext ctx) {
    if (resolved == null) {
      String source =
          rules == null ? "$" + ENV : fromCommandLine() ? "--route" : "config.json's route";
      String text = rules != null ? rules : ctx.env().get(ENV);
      resolved = text == null || text.isBlank() ? HostRoute.NONE : HostRoute.parse(text, source);
      if (resolved.active()) {
        ctx.err()
            .println(
                "qmcookie: warning: "
                    + (rules == null ? ENV : source)
                    + " is set: "
                    + resolved.describe());
      }
    }
    return resolved;
  }

  // A value from config.json is the option's default: picocli records no argument for it.
  private boolean fromCommandLine() {
    OptionSpec option = mixee.findOption("route");
    return option != null && !option.originalStringValues().isEmpty();
  }
}
