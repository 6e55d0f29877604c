package dev.qmcookie.cli;

import dev.qmcookie.vault.ConfigDocument;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Makes the values of {@code <home>/config.json} ({@link ConfigDocument}) the options' defaults, so
 * flags on the command line win over them.
 */
final class ConfigFile implements IDefaultValueProvider {
  /**
   * The long option names of every command. A top-level key is checked against this list rather
   * than against every command's picocli model, which took 55 ms to build on each run.
   * ConfigFileTest keeps it equal to the models.
   */
  static final Set<String> EVERY_OPTION =
      Set.of(
          "account",
          "all",
          "browser",
          "browser-arg",
          "check",
          "check-endpoint",
          "check-timeout",
          "driver",
          "dry-run",
          "endpoint",
          "export",
          "file",
          "force",
          "format",
          "group",
          "headless",
          "help",
          "hook-timeout",
          "home",
          "jitter",
          "json",
          "listen",
          "log-format",
          "meting",
          "meting-user",
          "mode",
          "no-browser-fallback",
          "no-check",
          "no-download",
          "notify-url",
          "on-failure",
          "on-renew",
          "out",
          "public-url",
          "qr",
          "qr-png",
          "renew-after",
          "replace",
          "route",
          "selftest",
          "settle",
          "shape",
          "store",
          "store-key-file",
          "store-lease",
          "store-plaintext",
          "timeout",
          "url",
          "user-agent",
          "verbose",
          "version",
          "via",
          "wechat");

  private final ConfigDocument config;

  ConfigFile(ConfigDocument config) {
    this.config = config;
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
      return null;
    }
    String command = option.command() == null ? null : option.command().name();
    return config.textFor(command, option.longestName().substring(2));
  }

  /**
   * Refuses unknown keys. A section is checked when its command runs, as {@code top} holds only
   * that command's model; a top-level key is looked up in {@link #EVERY_OPTION}.
   *
   * @throws dev.qmcookie.failure.InvalidInputException naming every unknown key
   */
  void validate(CommandLine top) {
    config.requireKnownKeys(
        QmcookieCommand.COMMANDS,
        EVERY_OPTION,
        command -> {
          CommandLine sub = top.getSubcommands().get(command);
          return sub == null ? null : longNames(sub);
        });
  }

  static Set<String> longNames(CommandLine command) {
    Set<String> names = new TreeSet<>();
    for (OptionSpec o : command.getCommandSpec().options()) {
      if (o.longestName().startsWith("--")) {
        names.add(o.longestName().substring(2));
      }
    }
    return names;
  }
}
