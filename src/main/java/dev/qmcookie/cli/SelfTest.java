package dev.qmcookie.cli;

import dev.qmcookie.selftest.SimulatedQqSite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code doctor --selftest}: the real commands, end to end, against {@link SimulatedQqSite} in a
 * throw-away home. Proves the machine is ready before a real account is touched.
 */
final class SelfTest {
  static final Duration LOGIN_DELAY = Duration.ofSeconds(2);

  private final CliContext ctx;
  private final BrowserOptions browserOptions;

  SelfTest(CliContext ctx, BrowserOptions browserOptions) {
    this.ctx = ctx;
    this.browserOptions = browserOptions;
  }

  /** Runs every step, printing one line each; false when any step failed. */
  boolean run() throws IOException {
    try (ScratchHome scratch = ScratchHome.create("qmcookie-selftest-");
        SimulatedQqSite site = new SimulatedQqSite(LOGIN_DELAY)) {
      Path home = scratch.path();
      Map<String, String> env = new HashMap<>(ctx.env());
      env.put(CommonOptions.HOME_ENV, home.toString());
      env.remove(Endpoints.ENV);
      Path cookiesTxt = home.resolve("cookies.txt");
      return step(
              env,
              "login",
              out -> out.contains("uin " + SimulatedQqSite.UIN),
              // The simulated login is no business of the real server's live check.
              browserArgs(site, "login", "--headless", "--timeout", "60s", "--no-check"))
          && step(
              env,
              "capture",
              out -> out.contains("captured"),
              browserArgs(site, "capture", "--settle", "1s", "--no-check"))
          && step(
              env,
              "renew",
              out -> out.contains("renewed via http"),
              List.of("renew", "--force", "--no-browser-fallback", "--endpoint", site.renewalUrl()))
          && step(
              env,
              "export",
              out -> exported(cookiesTxt),
              List.of("export", "--format", "netscape", "--out", cookiesTxt.toString()))
          && step(
              env,
              "status",
              out -> out.contains("\"state\" : \"fresh\""),
              List.of("status", "--json"));
    }
  }

  private boolean step(
      Map<String, String> env, String name, Predicate<String> worked, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext sub =
        new CliContext(
            ctx.in(),
            new PrintWriter(out),
            new PrintWriter(err),
            Map.copyOf(env),
            ctx.clock(),
            ctx.zone(),
            ctx.sleeper(),
            null);
    long start = System.nanoTime();
    int code = Main.run(sub, args.toArray(String[]::new));
    double seconds = (System.nanoTime() - start) / 1e9;
    boolean ok = code == 0 && worked.test(out.toString());
    ctx.out().printf("%-5s %-10s %s (%.1fs)%n", ok ? "ok" : "fail", "selftest", name, seconds);
    if (!ok) {
      ctx.out().println("      qmcookie " + String.join(" ", args) + " exited " + code + ":");
      Stream.concat(out.toString().lines(), err.toString().lines())
          .forEach(l -> ctx.out().println("        " + l));
    }
    ctx.out().flush();
    return ok;
  }

  private List<String> browserArgs(SimulatedQqSite site, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    for (String sw : site.chromeSwitches()) {
      args.add("--browser-arg=" + sw);
    }
    args.addAll(List.of("--url", site.startUrl()));
    if (browserOptions.browser != null) {
      args.addAll(List.of("--browser", browserOptions.browser.toString()));
    }
    if (browserOptions.driver != null) {
      args.addAll(List.of("--driver", browserOptions.driver.toString()));
    }
    if (browserOptions.noDownload) {
      args.add("--no-download");
    }
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
