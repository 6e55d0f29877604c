package dev.qmcookie.checkup;

import dev.qmcookie.selftest.SimulatedQqSite;
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
 * {@code doctor --selftest}: the real commands, end to end, against {@link SimulatedQqSite} in a
 * throw-away home. Proves the machine is ready before a real account is touched.
 */
public final class SelfTest {
  static final Duration LOGIN_DELAY = Duration.ofSeconds(2);

  /** Runs one command line of qmcookie in {@code home}, with no endpoint of the user's. */
  public interface Commands {
    Run run(Path home, List<String> args);
  }

  /** What a command line printed, and its exit code. */
  public record Run(int code, String out, String err) {}

  /** One step: its command line, whether it worked, and what the command did. */
  public record Step(String name, boolean ok, Duration took, List<String> args, Run run) {}

  private final Commands commands;
  private final List<String> browserFlags;

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
    this.commands = commands;
    this.browserFlags = List.copyOf(browserFlags);
  }

  /** Runs the steps until one fails, giving each to {@code done}; false when one failed. */
  public boolean run(Consumer<Step> done) throws IOException {
    try (ScratchHome scratch = ScratchHome.create("qmcookie-selftest-");
        SimulatedQqSite site = new SimulatedQqSite(LOGIN_DELAY)) {
      Path home = scratch.path();
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
  }

  private boolean step(
      Path home, Consumer<Step> done, String name, Predicate<String> worked, List<String> args) {
    long start = System.nanoTime();
    Run run = commands.run(home, args);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    boolean ok = run.code() == 0 && worked.test(run.out());
    done.accept(new Step(name, ok, took, args, run));
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
