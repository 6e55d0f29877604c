package dev.qmcookie.checkup;

import dev.qmcookie.browser.LaunchSettings;
import dev.qmcookie.browser.Launcher;
import dev.qmcookie.browser.ProfileLock;
import dev.qmcookie.failure.ExitStatus;
import dev.qmcookie.vault.ConfigDocument;
import dev.qmcookie.vault.HomeChoice;
import dev.qmcookie.vault.UnixUsers;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;

/** Every check of {@code doctor}, in the order it shows them, from the values it resolved. */
public final class Doctor {
  // What the machine lacks is installed once; a home, config, account or Meting-API file that
  // fails is the user's to fix, as every other command would refuse it.
  private static final Set<String> MACHINE_CHECKS =
      Set.of("java", "browser", "driver", "display", "selftest");

  /**
   * What doctor looks at.
   *
   * @param launch the browser choices, never downloading
   * @param meting Meting-API's working directory, or null
   * @param metingUser the user Meting-API runs as, or null for the owner of {@code meting}
   * @param selftest whether the selftest follows; without a browser, the browser's failures are
   *     warnings, as the selftest then skips its browser steps
   * @param endpoint the renewal endpoint without one in config.json (see {@link
   *     EndpointChecks#inEffect})
   */
  public record Settings(
      LaunchSettings launch,
      HomeChoice home,
      Duration lockTimeout,
      String account,
      Path meting,
      String metingUser,
      boolean selftest,
      Supplier<HttpUrl> endpoint,
      String endpointSource,
      String endpointFix) {}

  /** The checks, and whether a browser was found (the selftest needs one). */
  public record Report(List<Check> checks, boolean browserFound) {
    /**
     * The exit status of the checks: {@link ExitStatus#SETUP} when only the machine fails, {@link
     * ExitStatus#INVALID_INPUT} when any other check fails, else {@link ExitStatus#OK}.
     */
    public int exitStatus() {
      int code = ExitStatus.OK;
      for (Check c : checks) {
        if (c.level() == Check.Level.FAIL) {
          // What the machine lacks is installed once (6); what the user must fix is bad input (5).
          code =
              ExitStatus.worst(
                  code, concernsMachine(c) ? ExitStatus.SETUP : ExitStatus.INVALID_INPUT);
        }
      }
      return code;
    }
  }

  private Doctor() {}

  public static Report run(Settings s) throws IOException {
    List<Check> checks = new ArrayList<>();
    checks.add(MachineChecks.java());
    // A server that hands the cookie to Meting-API often renews over HTTP alone and has no browser:
    // a missing one must not make "the hand-over works" fail.
    boolean browserFound = false;
    if (s.meting() == null || s.selftest()) {
      Launcher launcher = new Launcher(s.launch());
      MachineChecks.Programs programs =
          MachineChecks.browserAndDriver(launcher::browser, launcher::driver);
      browserFound = programs.browserFound();
      for (Check c : programs.checks()) {
        // The selftest without a browser still proves the QR logins: a missing browser is then
        // worth a warning, not a failed doctor.
        checks.add(
            s.selftest() && !browserFound && c.level() == Check.Level.FAIL
                ? new Check(Check.Level.WARN, c.name(), c.detail(), c.fix())
                : c);
      }
      if (!browserFound) {
        // A machine without Chromium can still log in: say how, beside the browser's failure.
        checks.add(
            new Check(
                Check.Level.OK,
                "qr login",
                "no browser is needed to log in: qmcookie login --qr draws a QR code in the"
                    + " terminal",
                null));
      }
      checks.add(MachineChecks.display(s.launch().display()));
    }
    HomeChoice home = s.home();
    HomeChecks.Trust trust = HomeChecks.trust(home.path(), home.problem());
    checks.addAll(trust.checks());
    Vault vault = trust.trusted() ? new Vault(home.path(), s.lockTimeout()) : null;
    if (trust.trusted()) {
      checks.addAll(HomeChecks.accounts(vault, ProfileLock.thisHost()));
    }
    checks.addAll(
        EndpointChecks.inEffect(
            trust.trusted() ? ConfigDocument.of(home) : null,
            s.endpoint(),
            s.endpointSource(),
            s.endpointFix()));
    if (s.meting() != null) {
      checks.addAll(
          new MetingCheck(s.meting()).run(s.metingUser(), vault, s.account(), UnixUsers.system()));
    }
    if (s.selftest() && !browserFound) {
      checks.add(
          new Check(
              Check.Level.WARN,
              "selftest",
              "no browser: its browser steps are skipped, its QR login steps run",
              "install a browser and driver to test login and capture too"));
    }
    return new Report(checks, browserFound);
  }

  /** Whether a failed check is one of the machine's (installed once) rather than the user's. */
  public static boolean concernsMachine(Check check) {
    return MACHINE_CHECKS.contains(check.name());
  }
}
