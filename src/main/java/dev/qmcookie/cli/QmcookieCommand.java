package dev.qmcookie.cli;

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
    subcommands = {
      ImportCommand.class,
      StatusCommand.class,
      RenewCommand.class,
      ExportCommand.class,
      LoginCommand.class,
      CaptureCommand.class,
      DoctorCommand.class,
      DaemonCommand.class,
      HelpCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok or nothing due, 1 unexpected or file error, 2 usage error,",
      "3 login no longer valid (log in again), 4 passing fault (try later),",
      "5 invalid input, or a browser or driver missing (see qmcookie doctor)."
    })
final class QmcookieCommand implements Runnable {
  private final CliContext context;

  @Spec CommandSpec spec;

  QmcookieCommand(CliContext context) {
    this.context = context;
  }

  CliContext context() {
    return context;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, for example: status");
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = QmcookieCommand.class.getPackage().getImplementationVersion();
      return new String[] {"qmcookie " + (v == null ? "(development build)" : v)};
    }
  }
}
