package dev.qmcookie.cli;

import dev.qmcookie.account.AccountStatus;
import dev.qmcookie.account.Export;
import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.ExportFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the current cookie in a format another tool reads.",
      "Formats:",
      "  header         k=v; k=v, for Meting-API's cookie/tencent (not METING_COOKIE_TENCENT: read once)",
      "  json           qmcookie's own document, every attribute and the metadata",
      "  netscape       cookies.txt for curl -b, wget, yt-dlp and Python's MozillaCookieJar",
      "  playwright     storageState for browser.newContext({storageState})",
      "  cookie-editor  JSON for the Cookie-Editor and EditThisCookie extensions",
      "  qqmusicapi     the login only, as the Python library QQMusicApi stores it",
      "                 (Credential.model_validate_json loads it); import reads it back",
      "With --out the file is replaced atomically with mode 0600 (or --mode, --group), so a watcher",
      "never reads half; a FILE that holds this cookie already is left alone, but for its mode and group.",
      "FILE must be a regular file or absent (a symbolic link is replaced, not followed)."
    })
final class ExportCommand implements Callable<Integer> {
  @ParentCommand QmcookieCommand parent;
  @Mixin CommonOptions common;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "header",
      converter = FormatConverter.class,
      description =
          "header|json|netscape|playwright|cookie-editor|qqmusicapi (default: ${DEFAULT-VALUE}).")
  CookieFormat format;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  Path out;

  @Mixin ExportAccessOptions accessOptions;

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    accessOptions.requireFiles(out != null, "--out FILE");
    ExportAccess access = accessOptions.access();
    Account account = common.vault().account(common.account);
    Export.Exported exported = Export.current(account, format, ctx.clock().instant());
    String text = exported.text();
    AccountStatus status = exported.status();
    if (status.state().needsHuman()) {
      ctx.err()
          .println(
              "qmcookie: warning: account "
                  + account.name()
                  + " is "
                  + status.state().id()
                  + "; this cookie will probably not work: "
                  + status.advice());
    }
    if (out == null) {
      ctx.out().print(text);
      if (!text.endsWith("\n")) {
        ctx.out().println();
      }
    } else {
      ExportFile.Written written = ExportFile.write(out, text, access);
      String how =
          " (mode "
              + access.mode()
              + access.group().map(g -> ", group " + g.getName()).orElse("")
              + ")";
      ctx.out()
          .println(
              written == ExportFile.Written.REPLACED
                  ? "wrote "
                      + format.id()
                      + " cookie of account "
                      + account.name()
                      + " to "
                      + out
                      + how
                  : out
                      + " already holds the "
                      + format.id()
                      + " cookie of account "
                      + account.name()
                      + "; not rewritten"
                      + how);
    }
    return ExitCodes.OK;
  }

  static final class FormatConverter implements ITypeConverter<CookieFormat> {
    @Override
    public CookieFormat convert(String value) {
      CookieFormat f = CookieFormat.byId(value);
      if (f == null) {
        throw new TypeConversionException(
            "'" + value + "' is not a format: use one of " + CookieFormat.ids());
      }
      return f;
    }
  }
}
