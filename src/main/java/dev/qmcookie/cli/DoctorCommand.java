package dev.qmcookie.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.browser.InstalledProgram;
import dev.qmcookie.browser.ProfileLock;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.TrustedPath;
import dev.qmcookie.vault.UnixUsers;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that this machine has everything qmcookie needs.",
      "Checks this machine: Java, the browser and driver (and whether their versions match), the",
      "browser profiles' locks, that the home, config.json, api-token and accounts are yours and",
      "no one else can write them, a display, and the renewal endpoint in effect (config.json",
      "included) and whether its host resolves. Each check says ok, warn or fail, with a fix; the exit code is 6",
      "when only the machine fails (Java, browser, driver, selftest), else 5 when any check fails.",
      "--selftest then runs login, capture, renew and export end to end",
      "against a simulated y.qq.com on this machine, in a throw-away home.",
      "--meting DIR checks a Meting-API install instead of the browser: cookie/ and cookie/tencent",
      "under its working directory DIR, that its user can read the file, that the file is the current",
      "header export of --account, and that no .env or compose file there sets METING_COOKIE_TENCENT."
    })
final class DoctorCommand implements Callable<Integer> {
  static final long RESOLVE_LIMIT_SECONDS = 5;

  @ParentCommand QmcookieCommand parent;
  @Mixin CommonOptions common;
  @Mixin BrowserOptions browserOptions;

  @Option(
      names = "--selftest",
      description = "Also run the whole path against a simulated y.qq.com.")
  boolean selftest;

  @Option(
      names = "--meting",
      paramLabel = "DIR",
      description = "Check the hand-over to the Meting-API whose working directory is DIR.")
  Path meting;

  @Option(
      names = "--meting-user",
      paramLabel = "USER",
      description =
          "The user Meting-API runs as: a name, a uid, or UID:GID[,GID...] for a container's"
              + " user (default: the owner of DIR).")
  String metingUser;

  enum Level {
    OK,
    WARN,
    FAIL
  }

  record Check(Level level, String name, String detail, String fix) {}

  // What the machine lacks is installed once (exit 6); a home, config, account or Meting-API file
  // that fails is the user's to fix (exit 5), as every other command would refuse it.
  private static final Set<String> MACHINE_CHECKS =
      Set.of("java", "browser", "driver", "display", "selftest");

  private static int exitCodeOf(Check failed) {
    return MACHINE_CHECKS.contains(failed.name()) ? ExitCodes.SETUP : ExitCodes.INVALID_INPUT;
  }

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    if (metingUser != null && meting == null) {
      throw new InvalidInputException(
          "--meting-user names Meting-API's user for --meting DIR: add --meting DIR");
    }
    List<Check> checks = new ArrayList<>();
    checks.add(java());
    // A server that hands the cookie to Meting-API often renews over HTTP alone and has no browser:
    // a missing one must not make "the hand-over works" fail.
    boolean browserChecks = meting == null || selftest;
    InstalledProgram browser = null;
    if (browserChecks) {
      BrowserLauncher launcher = new BrowserLauncher(browserOptions.withoutDownloads(), ctx.env());
      browser = browserCheck(launcher, checks);
      if (browser != null) {
        driverCheck(launcher, browser, checks);
      }
      checks.add(display(launcher));
    }
    HomeChoice home = common.homeChoice(ctx.env());
    boolean trusted = trustChecks(home, checks);
    Vault vault = trusted ? new Vault(home.path(), CommonOptions.LOCK_TIMEOUT) : null;
    if (trusted) {
      homeChecks(vault, checks);
    }
    checks.addAll(endpointChecks(ctx, trusted ? ConfigFile.of(home) : null));
    if (meting != null) {
      checks.addAll(
          new MetingCheck(meting).run(metingUser, vault, common.account, UnixUsers.system()));
    }
    int code = ExitCodes.OK;
    for (Check c : checks) {
      ctx.out().printf("%-5s %-10s %s%n", c.level().name().toLowerCase(), c.name(), c.detail());
      if (c.fix() != null && c.level() != Level.OK) {
        ctx.out().printf("%-16s fix: %s%n", "", c.fix());
      }
      if (c.level() == Level.FAIL) {
        code = ExitCodes.worst(code, exitCodeOf(c));
      }
    }
    if (selftest) {
      if (browser == null) {
        ctx.out()
            .println("fail  selftest   needs a browser and driver: fix the checks above first");
        return ExitCodes.worst(code, ExitCodes.SETUP);
      }
      // It runs in a throw-away home against a simulated site: no file or value of the user's is
      // involved, so what fails is the machine's browser, driver or display.
      if (!new SelfTest(ctx, browserOptions).run()) {
        code = ExitCodes.worst(code, ExitCodes.SETUP);
      }
    }
    return code;
  }

  private static Check java() {
    int feature = Runtime.version().feature();
    String detail = "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")";
    return feature >= 17
        ? new Check(Level.OK, "java", detail, null)
        : new Check(Level.FAIL, "java", detail, "install Java 17 or newer");
  }

  private static InstalledProgram browserCheck(BrowserLauncher launcher, List<Check> checks) {
    try {
      InstalledProgram b = launcher.browser();
      checks.add(new Check(Level.OK, "browser", b.toString(), null));
      return b;
    } catch (RuntimeException e) {
      checks.add(
          new Check(
              Level.FAIL, "browser", e.getMessage(), "apt-get install chromium chromium-driver"));
      return null;
    }
  }

  private static void driverCheck(
      BrowserLauncher launcher, InstalledProgram browser, List<Check> checks) {
    try {
      InstalledProgram d = launcher.driver(browser);
      checks.add(
          new Check(
              Level.OK, "driver", d + ", matches browser " + browser.major().orElse(0), null));
    } catch (RuntimeException e) {
      checks.add(
          new Check(
              Level.FAIL,
              "driver",
              e.getMessage(),
              "apt-get install chromium-driver, or --driver PATH"));
    }
  }

  private static Check display(BrowserLauncher launcher) {
    return launcher.hasDisplay()
        ? new Check(Level.OK, "display", "present: login can open a window", null)
        : new Check(
            Level.WARN,
            "display",
            "none: a login window cannot open here",
            "use login --headless (QR code in the terminal), or xvfb-run");
  }

  /**
   * The same ownership and mode checks the other commands refuse on, reported rather than thrown.
   * Whether the home and its config can be trusted; if not, nothing in them is read.
   */
  private static boolean trustChecks(HomeChoice home, List<Check> checks) throws IOException {
    Path dir = home.path().toAbsolutePath();
    Optional<String> homeProblem = home.problem();
    if (homeProblem.isPresent()) {
      checks.add(new Check(Level.FAIL, "home", homeProblem.get(), null));
      return false;
    }
    checks.add(
        new Check(
            Level.OK,
            "home",
            dir + (Files.isDirectory(dir) ? ": yours, no one else can write it" : ""),
            null));
    Path config = dir.resolve(Vault.CONFIG_FILE);
    Optional<TrustedPath.Untrusted> configProblem = TrustedPath.settingsFileProblem(config);
    configProblem.ifPresentOrElse(
        u ->
            checks.add(
                new Check(
                    Level.FAIL,
                    "config",
                    u.path() + " " + u.reason() + "; every command refuses it",
                    u.fix())),
        () ->
            checks.add(
                new Check(
                    Level.OK,
                    "config",
                    Files.exists(config)
                        ? config + ": yours, no one else can write it"
                        : "no " + Vault.CONFIG_FILE,
                    null)));
    Path token = dir.resolve(Vault.API_TOKEN_FILE);
    TrustedPath.privateFileProblem(token)
        .ifPresentOrElse(
            u ->
                checks.add(
                    new Check(
                        Level.FAIL,
                        "api-token",
                        u.path() + " " + u.reason() + "; daemon --listen refuses it",
                        u.fix())),
            () ->
                checks.add(
                    new Check(
                        Level.OK,
                        "api-token",
                        Files.exists(token, LinkOption.NOFOLLOW_LINKS)
                            ? token + ": owner-only file"
                            : "none yet; daemon --listen makes one",
                        null)));
    return configProblem.isEmpty();
  }

  private void homeChecks(Vault vault, List<Check> checks) throws IOException {
    Path home = vault.home().toAbsolutePath();
    if (!Files.isDirectory(home)) {
      checks.add(
          new Check(
              Level.OK, "home", home + " does not exist yet; import or login creates it", null));
      return;
    }
    List<String> loose = new ArrayList<>();
    List<String> busy = new ArrayList<>();
    List<String> untrusted = new ArrayList<>();
    List<Account> accounts = vault.accounts();
    for (Account account : accounts) {
      untrusted.addAll(account.fileProblems());
      collectLoose(account.dir(), loose);
      Path profile = account.browserProfile();
      if (Files.isDirectory(profile)) {
        Optional<String> holder = ProfileLock.holder(profile, BrowserLauncher.hostName());
        holder.ifPresent(h -> busy.add(account.name() + " in use by " + h));
      }
    }
    if (!untrusted.isEmpty()) {
      // Each message names its path and its own fix.
      checks.add(new Check(Level.FAIL, "files", String.join("; ", untrusted), null));
    } else {
      checks.add(
          loose.isEmpty()
              ? new Check(
                  Level.OK,
                  "files",
                  accounts.size() + " account(s) in " + home + ", owner-only",
                  null)
              : new Check(
                  Level.WARN,
                  "files",
                  "readable by others: " + String.join(", ", loose),
                  "chmod 700 on folders and 600 on files, or run: chmod -R go-rwx " + home));
    }
    checks.add(
        busy.isEmpty()
            ? new Check(Level.OK, "profiles", "no browser profile is in use", null)
            : new Check(
                Level.WARN,
                "profiles",
                String.join("; ", busy),
                "close that browser before login, capture or a browser renewal"));
  }

  private static void collectLoose(Path accountDir, List<String> loose) throws IOException {
    if (!loosePermissions(accountDir).isEmpty()) {
      loose.add(accountDir.toString());
    }
    try (Stream<Path> files = Files.list(accountDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!loosePermissions(f).isEmpty()) {
          loose.add(f.toString());
        }
      }
    }
  }

  private static Set<PosixFilePermission> loosePermissions(Path p) throws IOException {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      perms.removeAll(PosixFilePermissions.fromString("rwx------"));
      return perms;
    } catch (UnsupportedOperationException notPosix) {
      return Set.of();
    }
  }

  /**
   * The endpoint renew and daemon would send the cookie to: {@code --endpoint} is not given here,
   * so a section or top-level {@code endpoint} of config.json, else {@code $QMCOOKIE_ENDPOINT},
   * else the real one.
   */
  private static List<Check> endpointChecks(CliContext ctx, ConfigFile config) {
    Map<HttpUrl, List<String>> users = new LinkedHashMap<>();
    for (String command : List.of("renew", "daemon")) {
      String source;
      HttpUrl url;
      JsonNode configured = config == null ? null : config.valueFor(command, "endpoint");
      if (configured != null && configured.isTextual()) {
        url = HttpUrl.parse(configured.asText().trim());
        source = config.file().toString();
        if (url == null) {
          return List.of(
              new Check(
                  Level.FAIL,
                  "endpoint",
                  source + " names an endpoint that is not an http(s) URL",
                  "fix the endpoint in " + source));
        }
      } else {
        try {
          url = Endpoints.resolve(null, ctx.env());
        } catch (InvalidInputException e) {
          return List.of(
              new Check(Level.FAIL, "endpoint", e.getMessage(), "fix or unset $" + Endpoints.ENV));
        }
        source = ctx.env().containsKey(Endpoints.ENV) ? "$" + Endpoints.ENV : "the default";
      }
      users.computeIfAbsent(url, u -> new ArrayList<>()).add(command + " (from " + source + ")");
    }
    List<Check> checks = new ArrayList<>();
    users.forEach(
        (url, commands) ->
            checks.add(
                endpointResolves(
                    url,
                    String.join(" and ", commands) + (commands.size() == 1 ? " sends" : " send"))));
    return checks;
  }

  private static Check endpointResolves(HttpUrl url, String users) {
    String host = url.host();
    String sends =
        "; " + users + " the cookie to " + url.scheme() + "://" + host + ":" + url.port();
    try {
      InetAddress address =
          CompletableFuture.supplyAsync(() -> resolve(host))
              .get(RESOLVE_LIMIT_SECONDS, TimeUnit.SECONDS);
      return new Check(
          Level.OK, "endpoint", host + " resolves to " + address.getHostAddress() + sends, null);
    } catch (Exception e) {
      return new Check(
          Level.WARN,
          "endpoint",
          host + " does not resolve within " + RESOLVE_LIMIT_SECONDS + "s" + sends,
          "check DNS and the network; renewal needs to reach " + host);
    }
  }

  private static InetAddress resolve(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
