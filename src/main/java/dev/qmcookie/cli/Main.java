package dev.qmcookie.cli;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.ConfigDocument;
import dev.qmcookie.vault.HomeChoice;
import java.util.Arrays;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/** Entry point: {@code java -jar qmcookie.jar <command>}. */
public final class Main {
  // Held: java.util.logging forgets a logger nothing references, and the level set on it.
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private Main() {}

  public static void main(String... args) {
    configureLogging(
        Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v"));
    System.exit(run(CliContext.system(), args));
  }

  /** Runs one command line and returns its exit code; never calls {@code System.exit}. */
  public static int run(CliContext context, String... args) {
    CommandLine cli = QmcookieCommand.commandLine(context, args);
    cli.setUsageHelpWidth(100);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) ->
            Failures.report(context.err(), ex, "", verbose(commandLine)));
    try {
      HomeChoice home = ((QmcookieCommand) cli.getCommand()).home();
      Optional<String> untrusted = ConfigDocument.untrusted(home);
      if (untrusted.isPresent()) {
        // doctor runs without the config and reports the same problem among its checks.
        if (args.length > 0 && args[0].equals("doctor")) {
          return execute(cli, context, args);
        }
        throw new InvalidInputException(untrusted.get());
      }
      ConfigDocument document = ConfigDocument.of(home);
      if (document != null) {
        ConfigFile config = new ConfigFile(document);
        config.validate(cli);
        cli.setDefaultValueProvider(config);
      }
    } catch (InvalidInputException e) {
      return Failures.report(context.err(), e, "", false);
    }
    return execute(cli, context, args);
  }

  private static int execute(CommandLine cli, CliContext context, String... args) {
    int code;
    try {
      code = cli.execute(args);
    } finally {
      ((QmcookieCommand) cli.getCommand()).closeAll();
    }
    context.out().flush();
    context.err().flush();
    return code;
  }

  private static boolean verbose(CommandLine commandLine) {
    CommandLine.ParseResult result = commandLine.getParseResult();
    return result != null && result.hasMatchedOption("--verbose");
  }

  // Log lines (retries, details) go to stderr with a timestamp; stdout stays for results.
  private static void configureLogging(boolean verbose) {
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ssXXX");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    System.setProperty("org.slf4j.simpleLogger.log.okhttp3", "warn");
    // WebDriverManager reports each failed lookup with a stack trace; qmcookie's own message says
    // what was tried and what to do, so its chatter is kept for --verbose.
    System.setProperty(
        "org.slf4j.simpleLogger.log.io.github.bonigarcia", verbose ? "debug" : "off");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.hc", verbose ? "debug" : "off");
    // Selenium logs through java.util.logging; "Unable to find CDP implementation matching NNN" is
    // harmless, since raw CDP commands need none.
    SELENIUM_LOG.setLevel(Level.SEVERE);
  }
}
