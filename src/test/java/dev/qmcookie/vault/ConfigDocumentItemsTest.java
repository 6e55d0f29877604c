package dev.qmcookie.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured list reaches picocli as one value, one item a line, and is taken apart again. */
class ConfigDocumentItemsTest {
  @TempDir Path home;

  @Test
  void aConfiguredListComesBackItemByItemAndTypedValuesStayWhole() throws Exception {
    Files.writeString(
        home.resolve(Vault.CONFIG_FILE),
        "{\"export\": [\"header:/srv/a\", \"json:/srv/b\"], \"browser-arg\": \"--x\"}");
    ConfigDocument config = ConfigDocument.of(new HomeChoice(home, false));

    String list = config.textFor("daemon", "export");

    assertThat(ConfigDocument.items(List.of(list))).containsExactly("header:/srv/a", "json:/srv/b");
    assertThat(ConfigDocument.items(List.of("--a", "--b", "", "--c")))
        .containsExactly("--a", "--b", "--c");
  }
}
