package dev.qmcookie.browser;

import java.nio.file.Path;
import java.util.List;

/**
 * A program for {@link BrowserSessionTest}: it starts a browser from a shutdown hook, as the daemon
 * does when a stop signal comes during a renewal that falls back to the browser, and prints what
 * the launch threw.
 */
public final class LaunchWhileExiting {
  private LaunchWhileExiting() {}

  public static void main(String[] args) {
    LaunchSpec spec =
        new LaunchSpec(
            new InstalledProgram(Path.of(args[0]), "Chromium", "test"),
            new InstalledProgram(Path.of(args[1]), "ChromeDriver", "test"),
            Path.of(args[2]),
            true,
            List.of(),
            true);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    BrowserSession.launch(spec).close();
                    System.out.println("launched");
                  } catch (RuntimeException e) {
                    System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
                  }
                  System.out.flush();
                }));
    System.exit(0);
  }
}
