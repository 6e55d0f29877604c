package dev.qmcookie.cli;

import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.account.LiveCheck;
import dev.qmcookie.http.HttpClients;
import dev.qmcookie.schedule.DaemonSetup;
import dev.qmcookie.schedule.EventLog;
import dev.qmcookie.schedule.ExportTarget;
import dev.qmcookie.schedule.ListenAddress;
import dev.qmcookie.vault.ConfigDocument;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.Vault;
import dev.qmcookie.web.AccountsJson;
import dev.qmcookie.web.DaemonQrLogins;
import dev.qmcookie.web.PageFiles;
import dev.qmcookie.web.Sessions;
import dev.qmcookie.web.SignInLimiter;
import dev.qmcookie.web.UiServer;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Keeps every account renewed, in the foreground, for systemd or another supervisor.",
      "Each account is renewed at its due time plus a little random jitter; between due times the",
      "daemon sleeps. It notices accounts that import, login or renew change, without a restart.",
      "A passing failure is retried after 1m, 2m, 4m … up to 1h until the key expires; a login",
      "that needs a human is tried once through the browser profile, then reported once.",
      "The --export files are written at start, and rewritten atomically after each renewal and",
      "within 2s of a change another process (cron, renew, import, login) makes; then --on-renew runs",
      "with QMCOOKIE_CHANGED_BY=daemon or other. Every write applies --mode and --group; a file that",
      "holds the current cookie already is not rewritten.",
      "With --store, a store that cannot be reached is waited for, even at the start (1s doubling",
      "to 1m, alerted after 10m); a login older than the one last exported is never exported.",
      "SIGTERM or Ctrl-C lets a write in progress finish, then exits 0."
    })
final class DaemonCommand implements Callable<Integer> {
  @ParentCommand QmcookieCommand parent;
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;
  @Mixin ScheduleOptions scheduleOptions;
  @Mixin BrowserOptions browserOptions;

  @Option(
      names = "--export",
      paramLabel = "[ACCOUNT=]FORMAT:PATH",
      description =
          "Keep PATH current in FORMAT (repeatable), e.g. header:/srv/meting/cookie/tencent."
              + " Without ACCOUNT= it is --account's; {account} in PATH serves every account.")
  List<String> exports = new ArrayList<>();

  @Mixin ExportAccessOptions accessOptions;

  @Option(
      names = "--on-renew",
      paramLabel = "CMD",
      description = "Run CMD (with sh -c) after each renewal.")
  String onRenew;

  @Option(
      names = "--on-failure",
      paramLabel = "CMD",
      description = "Run CMD when a renewal fails: once per passing outage, once per lost login.")
  String onFailure;

  @Option(
      names = "--hook-timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Time limit of a hook (default: 30s).")
  Duration hookTimeout = Duration.ofSeconds(30);

  @Option(
      names = "--jitter",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Largest random delay added to each due time (default: 5m).")
  Duration jitter = Duration.ofMinutes(5);

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      description = "Event lines as text (default) or JSON.")
  EventLog.Format logFormat = EventLog.Format.TEXT;

  @Mixin EndpointOptions endpointOptions;

  @Mixin ShapeOptions shapeOptions;

  @Option(
      names = "--notify-url",
      paramLabel = "URL",
      converter = HttpUrlConverter.class,
      description =
          "POST a JSON event here when a renewal fails or a login is lost (3 tries, 5s each).")
  HttpUrl notifyUrl;

  @Option(
      names = "--listen",
      paramLabel = "[HOST:]PORT",
      description =
          "Serve /healthz, /v1/accounts and /v1/accounts/NAME/cookie here (default host 127.0.0.1),"
              + " and the web page under /ui/. /v1 needs the bearer token in <home>/api-token;"
              + " the page signs in with the same token.")
  String listen;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "Where users reach the daemon (http or https, e.g. behind a TLS proxy): alerts link to"
              + " URL/ui/#account-NAME (QMCOOKIE_UI_URL, the notify-url payload's url); https makes"
              + " the page's session cookie Secure.")
  String publicUrl;

  @Mixin CheckEndpointOption checkEndpoint;

  @Mixin RouteOption route;

  @Option(
      names = "--no-check",
      description =
          "Do not check the cookies with the server (at the start, then daily between renewals).")
  boolean noCheck;

  @Option(
      names = "--no-browser-fallback",
      description = "Never open the browser profile when a login is refused.")
  boolean noBrowserFallback;

  @Override
  public Integer call() throws Exception {
    return new Wiring().run(parent.context());
  }

  // The daemon's classes load only when the daemon runs: every other
  // command builds this class's option model, and its method bodies, at start-up.
  private final class Wiring {
    Integer run(CliContext ctx) throws Exception {
      HttpUrl pageUrl = publicUrl == null ? null : PublicUrl.parse(publicUrl);
      List<ExportTarget> targets = new ArrayList<>();
      for (String e : ConfigDocument.items(exports)) {
        targets.add(ExportTarget.parse(e));
      }
      accessOptions.requireFiles(!targets.isEmpty(), "--export FORMAT:PATH");
      ExportAccess access = accessOptions.access();
      DaemonSetup.checkFixedTargets(targets);
      EventLog log = new EventLog(ctx.out(), logFormat, ctx.clock());
      // The notify URL is the user's own: never routed.
      OkHttpClient notifyClient =
          notifyUrl == null ? null : HttpClients.create(ctx.env(), DaemonSetup.NOTIFY_TIMEOUT, 1);
      Vault vault =
          DaemonSetup.openVault(
              common::vaultToWrite,
              onFailure,
              hookTimeout,
              notifyUrl,
              notifyClient,
              log,
              ctx.clock(),
              ctx.sleeper());
      DaemonSetup.prepareHome(vault, targets, access);
      HttpUrl url = endpointOptions.url(ctx.env());
      OkHttpClient client = endpointOptions.client(ctx.env(), 2, route.route(ctx));
      AccountRenewal renewal =
          RenewalNotes.renewal(
              ctx,
              new AccountRenewal.Settings(
                  scheduleOptions.schedule(),
                  url,
                  false,
                  false,
                  AccountRenewal.Via.HTTP,
                  !noBrowserFallback,
                  shapeOptions.shape),
              client,
              browserOptions,
              note -> log.log("note", null, EventLog.fields("message", note)));
      DaemonSetup.Settings settings =
          new DaemonSetup.Settings(
              vault,
              common.account,
              scheduleOptions.schedule(),
              targets,
              access,
              jitter,
              onRenew,
              onFailure,
              hookTimeout,
              notifyUrl,
              listen == null ? null : listenAddress(),
              pageUrl);
      LiveCheck liveCheck = noCheck ? null : checkEndpoint.liveCheck(ctx, route.route(ctx));
      DaemonSetup.run(
          settings,
          renewal,
          liveCheck,
          client,
          notifyClient,
          log,
          ctx.clock(),
          ctx.sleeper(),
          () -> {
            ctx.out().flush();
            ctx.err().flush();
          },
          (pageVault, daemon, token) ->
              new UiServer(
                  token,
                  new AccountsJson(pageVault, scheduleOptions.schedule(), ctx.clock()),
                  daemon::request,
                  DaemonQrLogins.forDaemon(
                      pageVault,
                      HttpClients.create(
                          ctx.env(),
                          HttpClients.DEFAULT_TIMEOUT,
                          DaemonQrLogins.RUNNING_LIMIT,
                          route.route(ctx)),
                      liveCheck,
                      ctx.clock(),
                      ctx.sleeper(),
                      log),
                  new Sessions(new SecureRandom(), ctx.clock()),
                  new SignInLimiter(ctx.clock()),
                  new PageFiles(PageFiles.IN_JAR),
                  pageUrl));
      return ExitCodes.OK;
    }

    private InetSocketAddress listenAddress() {
      try {
        return ListenAddress.parse(listen);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
  }
}
