package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path home;

  @Test
  void optionsComeFromTheHomesConfigAndFlagsWin() throws Exception {
    CliRunner cli = new CliRunner(home);
    cli.importCookie("work", QqLogin.header(Duration.ofHours(1)));
    Files.writeString(
        home.resolve("config.json"),
        "{\"account\": \"work\", \"status\": {\"renew-after\": \"30m\"}, \"renew-after\": \"10h\"}");

    JsonNode byConfig = new ObjectMapper().readTree(cli.run("status", "--json").out());
    JsonNode byFlag =
        new ObjectMapper().readTree(cli.run("status", "--json", "--renew-after", "20h").out());

    assertThat(byConfig.get("account").asText()).as("the top-level account").isEqualTo("work");
    assertThat(byConfig.get("state").asText())
        .as("the status section's 30m wins over 10h")
        .isEqualTo("due");
    assertThat(byFlag.get("state").asText()).as("the flag wins over the file").isEqualTo("fresh");
  }

  @Test
  void aConfiguredListGivesEachItemSeparately() throws Exception {
    CliRunner cli = new CliRunner(home);
    Files.writeString(
        home.resolve("config.json"),
        "{\"daemon\": {\"export\": [\"header:/nonexistent-dir/a\", \"bogus\"]}}");

    CliRunner.Result result = cli.run("daemon");

    // The second configured target reached the parser as its own value.
    assertThat(result.code()).isEqualTo(5);
    assertThat(result.err()).contains("--export \"bogus\" is not [ACCOUNT=]FORMAT:PATH");
  }

  @Test
  void unknownKeysAndBrokenJsonAreInvalidInputNamingTheProblem() throws Exception {
    CliRunner cli = new CliRunner(home);
    Files.writeString(
        home.resolve("config.json"), "{\"acount\": \"x\", \"renew\": {\"timout\": \"5s\"}}");

    CliRunner.Result typos = cli.run("renew");
    CliRunner.Result typoAtTop = cli.run("status");
    Files.writeString(home.resolve("config.json"), "{\"account\": ");
    CliRunner.Result broken = cli.run("status");
    Files.writeString(home.resolve("config.json"), "{\"notify-url\": SECRETPART}");
    CliRunner.Result unquoted = cli.run("status");

    assertThat(typos.code()).isEqualTo(5);
    assertThat(typos.err())
        .contains("acount is neither an option nor a command")
        .contains("renew.timout is not an option of renew");
    // status builds only its own model, so renew's section waits for renew; a top-level key does
    // not.
    assertThat(typoAtTop.code()).isEqualTo(5);
    assertThat(typoAtTop.err())
        .contains("acount is neither an option nor a command")
        .doesNotContain("timout");
    assertThat(broken.code()).isEqualTo(5);
    assertThat(broken.err()).contains("config.json is not valid JSON (line 1, column");
    assertThat(unquoted.code()).isEqualTo(5);
    assertThat(unquoted.err())
        .as("the parser's message would quote the value")
        .contains("line 1, column")
        .doesNotContain("SECRETPART");
  }

  @Test
  void theListOfEveryOptionMatchesTheCommands() {
    Set<String> fromModels = new TreeSet<>();
    QmcookieCommand.commandLine(null)
        .getSubcommands()
        .values()
        .forEach(sub -> fromModels.addAll(ConfigFile.longNames(sub)));

    assertThat(new TreeSet<>(ConfigFile.EVERY_OPTION))
        .as("add a new option to ConfigFile.EVERY_OPTION")
        .isEqualTo(fromModels);
  }

  @Test
  void aTopLevelKeyOfAnotherCommandIsAcceptedWhereItDoesNotApply() throws Exception {
    CliRunner cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(1)));
    Files.writeString(
        home.resolve("config.json"), "{\"browser-arg\": [\"--no-sandbox\"], \"timeout\": \"9s\"}");

    CliRunner.Result status = cli.run("status");

    assertThat(status.code()).as(status.err()).isZero();
  }

  @Test
  void theConfigIsFoundThroughHomeFlagsToo() throws Exception {
    CliRunner cli = new CliRunner(home.resolve("elsewhere"));
    cli.importCookie("work", QqLogin.header(Duration.ofHours(1)));
    Path other = Files.createDirectories(home.resolve("other"));
    Files.writeString(other.resolve("config.json"), "{\"account\": \"nobody\"}");

    assertThat(cli.run("status", "--home", other.toString()).err()).contains("nobody");
    assertThat(cli.run("status", "--home=" + other).err()).contains("nobody");
  }

  @Test
  void theHomeIsResolvedOnceSoAConfiguredHomeCannotMoveTheAccountsAwayFromTheirConfig()
      throws Exception {
    Path elsewhere = home.resolve("elsewhere");
    CliRunner cli = new CliRunner(home);
    Files.writeString(home.resolve("config.json"), "{\"home\": \"" + elsewhere + "\"}");

    CliRunner.Result imported = cli.importCookie("work", QqLogin.header(Duration.ofHours(1)));

    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(home.resolve("work/cookie.json")).exists();
    assertThat(elsewhere).doesNotExist();
  }
}
