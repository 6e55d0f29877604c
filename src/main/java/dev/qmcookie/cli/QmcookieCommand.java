package dev.qmcookie.cli;

import dev.qmcookie.vault.HomeChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command; the work is done by its subcommands. */
@Command(
    name = "qmcookie",
    mixinStandardHelpOptions = true,
    versionProvider = QmcookieCommand.Version.class,
    description = {
      "Keeps a QQ Music (y.qq.com) web login alive: import the cookie once, renew it before it",
      "expires, and export it for Meting-API, curl, yt-dlp or Playwright.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 ok or nothing due, 1 unexpected or file error, 2 usage error,",
      "3 login no longer valid (log in again), 4 passing fault (try later),",
      "5 invalid input, or a browser or driver missing (see qmcookie doctor)."
    })
final class QmcookieCommand implements Runnable {
  /** The subcommands, in the order help lists them. */
  private static final List<String> SUBCOMMANDS =
      List.of(
          "import", "status", "renew", "export", "login", "capture", "doctor", "daemon", "store",
          "help");

  // A switch, not a map of class literals: each literal would load its class, and with it the
  // browser and daemon code that status and export must not touch.
  private static Class<?> subcommand(String name) {
    return switch (name) {
      case "import" -> ImportCommand.class;
      case "status" -> StatusCommand.class;
      case "renew" -> RenewCommand.class;
      case "export" -> ExportCommand.class;
      case "login" -> LoginCommand.class;
      case "capture" -> CaptureCommand.class;
      case "doctor" -> DoctorCommand.class;
      case "daemon" -> DaemonCommand.class;
      case "store" -> StoreCommand.class;
      case "help" -> HelpCommand.class;
      default -> null;
    };
  }

  private final CliContext context;
  private final HomeChoice home;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @Spec CommandSpec spec;

  QmcookieCommand(CliContext context, HomeChoice home) {
    this.context = context;
    this.home = home;
  }

  /**
   * The command line for {@code args}. Picocli reads every option of every subcommand through
   * reflection, which took longer than the JVM's own start-up; so when the first argument names a
   * command, only that one is built. Help, a typo (for picocli's suggestions) or no command get
   * them all.
   */
  static CommandLine commandLine(CliContext context, String... args) {
    Map<String, String> env = context == null ? Map.of() : context.env();
    CommandLine cli =
        new CommandLine(new QmcookieCommand(context, CommonOptions.homeChoice(args, env)));
    String named = args.length > 0 ? args[0] : "";
    if (!named.equals("help") && SUBCOMMANDS.contains(named)) {
      cli.addSubcommand(named, subcommand(named));
    } else {
      SUBCOMMANDS.forEach(name -> cli.addSubcommand(name, subcommand(name)));
    }
    return cli;
  }

  static final Set<String> COMMANDS = Set.copyOf(SUBCOMMANDS);

  CliContext context() {
    return context;
  }

  /**
   * The home of this command line, resolved once before picocli parses it, since its config.json
   * gives the options their defaults: every command uses this one.
   */
  HomeChoice home() {
    return home;
  }

  /** Closes {@code resource} when the command ends, however it ends. */
  void closeWhenDone(AutoCloseable resource) {
    toClose.add(resource);
  }

  /** Closes what the command opened, last first. */
  void closeAll() {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        // The command's outcome is already decided: a failed close changes nothing stored.
      }
    }
    toClose.clear();
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command, for example: status");
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = QmcookieCommand.class.getPackage().getImplementationVersion();
      return new String[] {"qmcookie " + (v == null ? "(development build)" : v)};
    }
  }
}
