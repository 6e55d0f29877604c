package dev.qmcookie.cli;

import dev.qmcookie.browser.InstalledProgram;
import dev.qmcookie.browser.ProfileLock;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
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
      "browser profiles' locks, file permissions in the home, a display, and whether the renewal",
      "endpoint's host resolves. Each check says ok, warn or fail, with a fix; the exit code is 5",
      "when any check fails. --selftest then runs login, capture, renew and export end to end",
      "against a simulated y.qq.com on this machine, in a throw-away home."
    })
final class DoctorCommand implements Callable<Integer> {
  static final long RESOLVE_LIMIT_SECONDS = 5;

  @ParentCommand QmcookieCommand parent;
  @Mixin CommonOptions common;
  @Mixin BrowserOptions browserOptions;

  @Option(names = "--selftest", description = "Also run the whole path against a simulated y.qq.com.")
  boolean selftest;

  enum Level {
    OK,
    WARN,
    FAIL
  }

  record Check(Level level, String name, String detail, String fix) {}

  @Override
  public Integer call() throws Exception {
    CliContext ctx = parent.context();
    List<Check> checks = new ArrayList<>();
    checks.add(java());
    BrowserLauncher launcher = new BrowserLauncher(browserOptions.withoutDownloads(), ctx.env());
    InstalledProgram browser = browserCheck(launcher, checks);
    if (browser != null) {
      driverCheck(launcher, browser, checks);
    }
    checks.add(display(launcher));
    Vault vault = common.vault(ctx.env());
    homeChecks(vault, checks);
    checks.add(endpointResolves(ctx));
    boolean failed = false;
    for (Check c : checks) {
      ctx.out().printf("%-5s %-10s %s%n", c.level().name().toLowerCase(), c.name(), c.detail());
      if (c.fix() != null && c.level() != Level.OK) {
        ctx.out().printf("%-16s fix: %s%n", "", c.fix());
      }
      failed |= c.level() == Level.FAIL;
    }
    if (selftest) {
      if (browser == null) {
        ctx.out().println("fail  selftest   needs a browser and driver: fix the checks above first");
        return ExitCodes.INVALID_INPUT;
      }
      failed |= !new SelfTest(ctx, browserOptions).run();
    }
    return failed ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
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
      checks.add(new Check(Level.FAIL, "browser", e.getMessage(), "apt-get install chromium chromium-driver"));
      return null;
    }
  }

  private static void driverCheck(BrowserLauncher launcher, InstalledProgram browser, List<Check> checks) {
    try {
      InstalledProgram d = launcher.driver(browser);
      checks.add(new Check(Level.OK, "driver", d + ", matches browser " + browser.major().orElse(0), null));
    } catch (RuntimeException e) {
      checks.add(new Check(Level.FAIL, "driver", e.getMessage(), "apt-get install chromium-driver, or --driver PATH"));
    }
  }

  private static Check display(BrowserLauncher launcher) {
    return launcher.hasDisplay()
        ? new Check(Level.OK, "display", "present: login can open a window", null)
        : new Check(Level.WARN, "display", "none: a login window cannot open here",
            "use login --headless (QR code in the terminal), or xvfb-run");
  }

  private void homeChecks(Vault vault, List<Check> checks) throws IOException {
    Path home = vault.home().toAbsolutePath();
    if (!Files.isDirectory(home)) {
      checks.add(new Check(Level.OK, "home", home + " does not exist yet; import or login creates it", null));
      return;
    }
    List<String> loose = new ArrayList<>();
    List<String> busy = new ArrayList<>();
    List<Account> accounts = vault.accounts();
    for (Account account : accounts) {
      collectLoose(account.dir(), loose);
      Path profile = BrowserLauncher.profileOf(account);
      if (Files.isDirectory(profile)) {
        Optional<String> holder = ProfileLock.holder(profile, BrowserLauncher.hostName());
        holder.ifPresent(h -> busy.add(account.name() + " in use by " + h));
      }
    }
    checks.add(
        loose.isEmpty()
            ? new Check(Level.OK, "files", accounts.size() + " account(s) in " + home + ", owner-only", null)
            : new Check(Level.WARN, "files", "readable by others: " + String.join(", ", loose),
                "chmod 700 on folders and 600 on files, or run: chmod -R go-rwx " + home));
    checks.add(
        busy.isEmpty()
            ? new Check(Level.OK, "profiles", "no browser profile is in use", null)
            : new Check(Level.WARN, "profiles", String.join("; ", busy),
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

  private static Check endpointResolves(CliContext ctx) {
    HttpUrl url;
    try {
      url = Endpoints.resolve(null, ctx.env());
    } catch (InvalidInputException e) {
      return new Check(Level.FAIL, "endpoint", e.getMessage(), "fix or unset $" + Endpoints.ENV);
    }
    String host = url.host();
    try {
      InetAddress address =
          CompletableFuture.supplyAsync(() -> resolve(host)).get(RESOLVE_LIMIT_SECONDS, TimeUnit.SECONDS);
      return new Check(Level.OK, "endpoint", host + " resolves to " + address.getHostAddress(), null);
    } catch (Exception e) {
      return new Check(Level.WARN, "endpoint", host + " does not resolve within " + RESOLVE_LIMIT_SECONDS + "s",
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
