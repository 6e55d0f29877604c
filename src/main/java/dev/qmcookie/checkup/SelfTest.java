package dev.qmcookie.checkup;

import dev.qmcookie.selftest.SimulatedQqSite;
import dev.qmcookie.selftest.SimulatedQrLogin;
import dev.qmcookie.vault.ScratchHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code doctor --selftest}: the real commands, end to end, against {@link SimulatedQqSite} and
 * {@link SimulatedQrLogin} in a throw-away home. Proves the machine is ready before a real account
 * is touched. The browser's steps come first, or are skipped without a browser; the QR logins for
 * QQ and WeChat always run.
 */
public final class SelfTest {
  static final Duration LOGIN_DELAY = Duration.ofSeconds(2);

  /** Runs one command line of qmcookie in {@code home}, with no endpoint of the user's. */
  public interface Commands {
    Run run(Path home, List<String> args);
  }

  /** What a command line printed, and its exit code. */
  public record Run(int code, String out, String err) {}

  /** How a step ended. */
  public enum Outcome {
    OK,
    FAILED,
    /** Not run: it needs a browser and there is none. */
    SKIPPED
  }

  /** One step: its command line, how it ended, and what the command did (null when skipped). */
  public record Step(String name, Outcome outcome, Duration took, List<String> args, Run run) {
    /** Whether the step did not fail: it worked, or was skipped. */
    public boolean ok() {
      return outcome != Outcome.FAILED;
    }
  }

  /** The steps that need a browser, in order: skipped together when there is none. */
  static final List<String> BROWSER_STEPS =
      List.of("login", "capture", "renew", "export", "status");

  private final Commands commands;
  private final List<String> browserFlags;
  private final boolean withBrowser;

  /**
   * The browser options the user gave doctor, as flags for login and capture.
   *
   * @param browser the browser program, or null
   * @param driver the driver program, or null
   */
  public static List<String> browserFlags(Path browser, Path driver, boolean noDownload) {
    List<String> flags = new ArrayList<>();
    if (browser != null) {
      flags.addAll(List.of("--browser", browser.toString()));
    }
    if (driver != null) {
      flags.addAll(List.of("--driver", driver.toString()));
    }
    if (noDownload) {
      flags.add("--no-download");
    }
    return flags;
  }

  /**
   * @param browserFlags the browser options the user gave doctor, passed on to login and capture
   */
  public SelfTest(Commands commands, List<String> browserFlags) {
    this(commands, browserFlags, true);
  }

  /**
   * @param browserFlags the browser options the user gave doctor, passed on to login and capture
   * @param withBrowser whether a browser was found; without one, the browser steps are skipped
   */
  public SelfTest(Commands commands, List<String> browserFlags, boolean withBrowser) {
    this.commands = commands;
    this.browserFlags = List.copyOf(browserFlags);
    this.withBrowser = withBrowser;
  }

  /** Runs the steps until one fails, giving each to {@code done}; false when one failed. */
  public boolean run(Consumer<Step> done) throws IOException {
    try (ScratchHome scratch = ScratchHome.create("qmcookie-selftest-");
        SimulatedQqSite site = new SimulatedQqSite(LOGIN_DELAY);
        SimulatedQrLogin qr = new SimulatedQrLogin().keysCreatedNow()) {
      Path home = scratch.path();
      return browserSteps(home, site, done)
          && qrSteps(home, site, qr, "qq", "qr-qq", List.of(), done)
          && qrSteps(home, site, qr, "wechat", "qr-wechat", List.of("--wechat"), done);
    }
  }

  private boolean browserSteps(Path home, SimulatedQqSite site, Consumer<Step> done) {
    if (!withBrowser) {
      for (String name : BROWSER_STEPS) {
        done.accept(new Step(name, Outcome.SKIPPED, Duration.ZERO, List.of(), null));
      }
      return true;
    }
    Path cookiesTxt = home.resolve("cookies.txt");
    return step(
            home,
            done,
            "login",
            out -> out.contains("uin " + SimulatedQqSite.UIN),
            // The simulated login is no business of the real server's live check.
            browserArgs(site, "login", "--headless", "--timeout", "60s", "--no-check"))
        && step(
            home,
            done,
            "capture",
            out -> out.contains("captured"),
            browserArgs(site, "capture", "--settle", "1s", "--no-check"))
        && step(
            home,
            done,
            "renew",
            out -> out.contains("renewed via http"),
            List.of("renew", "--force", "--no-browser-fallback", "--endpoint", site.renewalUrl()))
        && step(
            home,
            done,
            "export",
            out -> exported(cookiesTxt),
            List.of("export", "--format", "netscape", "--out", cookiesTxt.toString()))
        && step(
            home,
            done,
            "status",
            out -> out.contains("\"state\" : \"fresh\""),
            List.of("status", "--json"));
  }

  /**
   * A browserless QR login into its own account, then that account's status, a forced renewal and
   * the header export. One route reaches both fakes: the renewal host to the simulated site's
   * endpoint (first match wins), every other QQ and WeChat host, the code exchange included, to the
   * simulated QR servers.
   */
  private boolean qrSteps(
      Path home,
      SimulatedQqSite site,
      SimulatedQrLogin qr,
      String flow,
      String account,
      List<String> flowFlags,
      Consumer<Step> done) {
    String route =
        "u6.y.qq.com=http://127.0.0.1:" + site.port() + ",*.qq.com=http://127.0.0.1:" + qr.port();
    List<String> login = new ArrayList<>(List.of("login", "--qr"));
    login.addAll(flowFlags);
    // The simulated login is no business of the real server's live check.
    login.addAll(List.of("--account", account, "--route", route, "--timeout", "60s", "--no-check"));
    return step(
            home,
            done,
            flow + " qr login",
            out -> out.contains("uin " + SimulatedQrLogin.UIN),
            login)
        && step(
            home,
            done,
            flow + " status",
            out -> out.contains("\"state\" : \"fresh\""),
            List.of("status", "--account", account, "--json"))
        && step(
            home,
            done,
            flow + " renew",
            out -> out.contains("renewed via http"),
            List.of(
                "renew",
                "--force",
                "--no-browser-fallback",
                "--account",
                account,
                "--route",
                route))
        && step(
            home,
            done,
            flow + " export",
            out -> out.contains("qqmusic_key=" + SimulatedQqSite.RENEWED_KEY),
            List.of("export", "--account", account, "--format", "header"));
  }

  private boolean step(
      Path home, Consumer<Step> done, String name, Predicate<String> worked, List<String> args) {
    long start = System.nanoTime();
    Run run = commands.run(home, args);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    boolean ok = run.code() == 0 && worked.test(run.out());
    done.accept(new Step(name, ok ? Outcome.OK : Outcome.FAILED, took, args, run));
    return ok;
  }

  private List<String> browserArgs(SimulatedQqSite site, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    for (String sw : site.chromeSwitches()) {
      args.add("--browser-arg=" + sw);
    }
    args.addAll(List.of("--url", site.startUrl()));
    args.addAll(browserFlags);
    return args;
  }

  private static boolean exported(Path cookiesTxt) {
    try {
      String text = Files.readString(cookiesTxt);
      return text.contains("#HttpOnly_.qq.com") && text.contains("qqmusic_key");
    } catch (IOException e) {
      return false;
    }
  }
}
