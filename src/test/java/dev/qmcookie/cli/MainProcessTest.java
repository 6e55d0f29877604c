package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts a real JVM once, to prove the exit status reaches the shell. */
class MainProcessTest {
  @TempDir Path home;

  @Test
  void theExitStatusReachesTheShell() throws Exception {
    Process usage = start("status", "--no-such-flag");
    Process invalid = start("import", "--home", home.toString(), "--file", home.resolve("missing").toString());

    assertThat(finish(usage)).isEqualTo(2);
    assertThat(finish(invalid)).isEqualTo(5);
    String err = new String(invalid.getErrorStream().readAllBytes());
    assertThat(err.lines()).singleElement().asString().startsWith("qmcookie: ").contains("no such file");
  }

  private Process start(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("QMCOOKIE_HOME");
    pb.environment().remove("QMCOOKIE_ENDPOINT");
    return pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
  }

  private static int finish(Process p) throws Exception {
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("qmcookie finished").isTrue();
    return p.exitValue();
  }
}
