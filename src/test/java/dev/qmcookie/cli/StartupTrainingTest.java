package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTrainingTest {
  @TempDir Path home;

  @Test
  void everyTrainingCommandSucceedsOfflineInTheHomeItIsGiven() throws Exception {
    int code = StartupTraining.train(home);

    // A command that stopped working would leave its classes out of the archive unnoticed.
    assertThat(code).isZero();
    assertThat(Files.readString(home.resolve("default").resolve("cookie.json")))
        .contains("startupTRAININGnotREAL");
    assertThat(home.resolve("default").resolve("last-check.json"))
        .as("the made-up cookie was not checked with the server")
        .doesNotExist();
  }
}
