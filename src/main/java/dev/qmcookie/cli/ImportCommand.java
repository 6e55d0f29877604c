package dev.qmcookie.cli;

import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.account.BoundedInput;
import dev.qmcookie.account.ImportedLogin;
import dev.qmcookie.account.NewLogin;
import dev.qmcookie.account.Times;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Stores a cookie copied from the browser, once it is known to be renewable.",
      "Reads a header string (k=v; k=v), Netscape cookies.txt,",
      "Playwright storageState, Cookie-Editor/EditThisCookie JSON, qmcookie's own JSON or the",
      "credential JSON of the Python library QQMusicApi, and detects which. Without COOKIE or",
      "--file it reads standard input, or asks for it (hidden) on a terminal. Nothing is stored",
      "unless every field renewal needs is present."
    })
final class ImportCommand implements Callable<Integer> {
  @ParentCommand QmcookieCommand parent;
  @Mixin CommonOptions common;
  @Mixin CheckAfterStore check;
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "COOKIE",
      description =
          "The cookie itself, or - for standard input. Prefer --file or stdin: the command"
              + " line is visible to other users and kept in shell history.")
  String cookie;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "F",
      description = "Read the cookie from file F (- for stdin).")
  String file;

  @Option(
      names = "--replace",
      description =
          "Replace the account's cookie even if it is for another uin, or older than the stored one.")
  boolean replace;

  @Option(
      names = "--user-agent",
      paramLabel = "UA",
      description =
          "User-Agent of the browser the cookie came from (navigator.userAgent); renewal sends it.")
  String userAgent;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    ImportedLogin.checkUserAgent(userAgent);
    String text = readInput(ctx);
    Instant now = ctx.clock().instant();
    ImportedLogin imported = ImportedLogin.of(text, userAgent, now);
    CookieRecord record = imported.record();
    MusicLogin login = imported.login();

    Account account = common.vaultToWrite().account(common.account);
    NewLogin.Stored stored = check.newLogin(ctx).store(account, record, replace, now);
    ctx.out()
        .printf(
            "imported %d cookies (%s) into account %s: uin %s, %s login%s%n",
            record.cookies().size(),
            imported.format().id(),
            account.name(),
            login.uin(),
            login.kind().label(),
            imported.ignored() > 0
                ? "; ignored " + imported.ignored() + " cookies of other sites"
                : "");
    AccountStatus status = stored.status();
    if (status.state().needsHuman()) {
      ctx.err()
          .println(
              "qmcookie: warning: this key was issued "
                  + Durations.format(status.timeline().age(now))
                  + " ago and has probably expired; renewal will likely fail. Copy a fresh cookie.");
    }
    StatusLines.printDetails(status, ctx.out(), new Times(ctx::zone, now));
    CheckAfterStore.show(ctx, stored);
    return ExitCodes.OK;
  }

  private String readInput(CliContext ctx) throws IOException {
    if (cookie != null && file != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give the cookie either as COOKIE or with --file, not both");
    }
    String source = file != null ? file : cookie;
    if (source == null) {
      if (ctx.console() != null) {
        char[] typed =
            ctx.console().readPassword("Paste the cookie (input is hidden), then Enter: ");
        return typed == null ? "" : new String(typed);
      }
      return BoundedInput.read(ctx.in(), "standard input");
    }
    if (source.equals("-")) {
      return BoundedInput.read(ctx.in(), "standard input");
    }
    if (file != null) {
      return BoundedInput.readFile(file);
    }
    ctx.err()
        .println(
            "qmcookie: note: a cookie on the command line is visible to other users and kept in"
                + " shell history; prefer --file or standard input");
    return cookie;
  }
}
