package dev.qmcookie.checkup;

import dev.qmcookie.browser.InstalledProgram;
import dev.qmcookie.checkup.Check.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the machine must have installed: Java, a browser with its matching driver, a display. */
public final class MachineChecks {
  private MachineChecks() {}

  /**
   * The browser and driver checks, and whether a browser was found.
   *
   * @param checks the browser check, then the driver check when there is a browser to match
   */
  public record Programs(List<Check> checks, boolean browserFound) {}

  public static Check java() {
    int feature = Runtime.version().feature();
    String detail = "Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")";
    return feature >= 17
        ? new Check(Level.OK, "java", detail, null)
        : new Check(Level.FAIL, "java", detail, "install Java 17 or newer");
  }

  /**
   * @param browser finds the browser, throwing with the reason when there is none
   * @param driver finds the driver matching a browser, throwing with the reason when there is none
   */
  public static Programs browserAndDriver(
      Supplier<InstalledProgram> browser, Function<InstalledProgram, InstalledProgram> driver) {
    List<Check> checks = new ArrayList<>();
    InstalledProgram b;
    try {
      b = browser.get();
    } catch (RuntimeException e) {
      checks.add(
          new Check(
              Level.FAIL, "browser", e.getMessage(), "apt-get install chromium chromium-driver"));
      return new Programs(checks, false);
    }
    checks.add(new Check(Level.OK, "browser", b.toString(), null));
    try {
      InstalledProgram d = driver.apply(b);
      checks.add(
          new Check(Level.OK, "driver", d + ", matches browser " + b.major().orElse(0), null));
    } catch (RuntimeException e) {
      checks.add(
          new Check(
              Level.FAIL,
              "driver",
              e.getMessage(),
              "apt-get install chromium-driver, or --driver PATH"));
    }
    return new Programs(checks, true);
  }

  public static Check display(boolean present) {
    return present
        ? new Check(Level.OK, "display", "present: login can open a window", null)
        : new Check(
            Level.WARN,
            "display",
            "none: a login window cannot open here",
            "use login --headless (QR code in the terminal), or xvfb-run");
  }
}
