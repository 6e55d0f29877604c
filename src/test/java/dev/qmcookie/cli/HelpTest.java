package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelpTest {
  @TempDir Path home;

  @ParameterizedTest
  @CsvSource({
    "import, Netscape",
    "status, --json",
    "renew, --dry-run",
    "export, --format",
    "store push, --force",
    "store pull, --store-key-file",
  })
  void everyCommandExplainsItself(String command, String mentioned) {
    CliRunner.Result result = new CliRunner(home).run((command + " --help").split(" "));

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("Usage: qmcookie " + command)
        .contains(mentioned)
        .contains("--home");
  }

  @ParameterizedTest
  @CsvSource({"'', Exit codes", "--help, Exit codes", "--version, qmcookie"})
  void theTopLevelListsCommandsAndExitCodes(String arg, String mentioned) {
    CliRunner cli = new CliRunner(home);
    CliRunner.Result result = arg.isEmpty() ? cli.run() : cli.run(arg);

    assertThat(result.out() + result.err()).contains(mentioned);
  }

  @ParameterizedTest
  @CsvSource({"frobnicate", "status --bogus", "renew --renew-after soon"})
  void aWrongCommandLineIsAUsageError(String line) {
    CliRunner.Result result = new CliRunner(home).run(line.split(" "));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).isNotBlank();
  }
}
