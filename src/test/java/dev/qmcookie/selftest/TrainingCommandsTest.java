package dev.qmcookie.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieFormat;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TrainingCommandsTest {
  @Test
  void importsAnHourOldMadeUpLoginThenShowsAndExportsItInEveryFormat() {
    Instant now = Instant.ofEpochSecond(1_800_000_000L);

    List<List<String>> commands = TrainingCommands.of(now);

    assertThat(commands.get(0)).startsWith("import", "--no-check");
    assertThat(commands.get(0).get(2))
        .contains("psrf_musickey_createtime=" + (now.getEpochSecond() - 3600))
        .contains("notREAL");
    assertThat(commands)
        .filteredOn(c -> c.get(0).equals("export"))
        .extracting(c -> c.get(2))
        .containsExactlyElementsOf(Stream.of(CookieFormat.values()).map(CookieFormat::id).toList());
  }
}
