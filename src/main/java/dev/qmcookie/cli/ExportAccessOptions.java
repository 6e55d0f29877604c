package dev.qmcookie.cli;

import dev.qmcookie.vault.ExportAccess;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --mode} and {@code --group}: who besides the owner may read the exported files. */
final class ExportAccessOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description =
          "Octal mode of the exported files, 0600 (default) to 0660; e.g. 0640 with --group"
              + " lets a consumer of another user read them. Nothing is ever given to others.")
  String mode;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description = "Group (name or gid) of the exported files, e.g. the group Meting-API runs as.")
  String group;

  /**
   * @throws dev.qmcookie.failure.InvalidInputException for a mode beyond 0660 or an unknown group
   */
  ExportAccess access() {
    return ExportAccess.of(mode, group);
  }

  /**
   * Refuses {@code --mode} or {@code --group} typed on a command line that writes no file: the user
   * expects a file with that mode, and would get none. A value from the config file is simply not
   * used, since a top-level key applies to every command that has the option.
   */
  void requireFiles(boolean writesFiles, String what) {
    if (writesFiles) {
      return;
    }
    CommandLine.ParseResult parsed = mixee.commandLine().getParseResult();
    for (String option : new String[] {"--mode", "--group"}) {
      if (parsed.hasMatchedOption(option)) {
        throw new CommandLine.ParameterException(
            mixee.commandLine(), option + " applies to files: use it with " + what);
      }
    }
  }
}
