package dev.qmcookie.cli;

import static dev.qmcookie.cli.QqLogin.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.testkit.RenewalAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The renewal answer retires the old key on the server, so it must never be lost: the save is
 * proven before the request, and an answer that still cannot be stored is put aside with a way
 * back.
 */
class UnsavedRenewalTest {
  static final String NEW_KEY = RenewCommandTest.NEW_KEY;
  static final String NEW_KEY_MASKED = "Q_H_L_6***2";

  @TempDir Path tmp;
  MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Answers with a new key after doing {@code meanwhile} to the disk, as another program might. */
  void answerAfter(ThrowingRunnable meanwhile) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            try {
              meanwhile.run();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            return RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW.minusSeconds(5));
          }
        });
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  CliRunner.Result renew(CliRunner cli) {
    return cli.run("renew", "--endpoint", server.url("/cgi-bin/musicu.fcg").toString());
  }

  static CookieRecord stored(CliRunner cli) throws IOException {
    return CookieFormats.readStoreDocument(new String(cli.storedBytes("default")));
  }

  /** Something that is not a file where the file must go: the rename onto it fails. */
  static void occupy(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.createDirectories(file);
    Files.writeString(file.resolve("inside"), "x");
  }

  static void release(Path file) throws IOException {
    Files.delete(file.resolve("inside"));
    Files.delete(file);
  }

  @Test
  void anAnswerThatCannotBeStoredGoesToTheRecoveryFileAndTheMessageSaysHowToImportIt()
      throws Exception {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    Path cookie = cli.accountDir("default").resolve("cookie.json");
    answerAfter(() -> occupy(cookie));

    CliRunner.Result result = renew(cli);

    assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(server.getRequestCount()).isEqualTo(1);
    Path recovery = cli.accountDir("default").resolve("cookie.json.recovered").toAbsolutePath();
    assertThat(ImportCommandTest.perms(recovery)).isEqualTo("rw-------");
    assertThat(CookieFormats.readStoreDocument(Files.readString(recovery)).login().musicKey())
        .isEqualTo(NEW_KEY);
    assertThat(result.err().lines()).hasSize(1);
    String command =
        "qmcookie import --replace --file "
            + recovery
            + " --account default --home "
            + cli.home.toAbsolutePath();
    assertThat(result.err())
        .contains("retired the old key")
        .contains("could not be saved")
        .contains("(cannot use " + cookie + ": Is a directory")
        .doesNotContain(".tmp")
        .contains("`" + command + "`");
    assertThat(cli.history("default"))
        .singleElement()
        .asString()
        .contains("\"outcome\":\"not-saved\"")
        .contains(recovery.toString());
    RenewCommandTest.assertNoSecretIn(result, NEW_KEY, QqLogin.KEY);
    assertThat(String.join("\n", cli.history("default"))).doesNotContain(NEW_KEY);

    // The way back the message gives works.
    release(cookie);
    CliRunner.Result imported = cli.run(command.substring("qmcookie ".length()).split(" "));
    assertThat(imported.code()).as(imported.toString()).isZero();
    assertThat(stored(cli).login().musicKey()).isEqualTo(NEW_KEY);
  }

  @Test
  void whenTheAnswerCannotBeWrittenAnywhereTheMessageGivesTheMaskedKeyAndHowToLogInAgain()
      throws Exception {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    Path dir = cli.accountDir("default");
    answerAfter(
        () -> {
          occupy(dir.resolve("cookie.json"));
          occupy(dir.resolve("cookie.json.recovered"));
        });

    CliRunner.Result result = renew(cli);

    assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .contains("retired the old key")
        .contains("nor put aside")
        .contains(NEW_KEY_MASKED)
        .contains("`qmcookie login --account default --home " + cli.home.toAbsolutePath() + "`");
    assertThat(cli.history("default"))
        .singleElement()
        .asString()
        .contains("\"outcome\":\"not-saved\"");
    RenewCommandTest.assertNoSecretIn(result, NEW_KEY, QqLogin.KEY);
  }

  @Test
  void aHistoryThatCannotBeWrittenAfterTheSaveDoesNotTurnTheRenewalIntoAFailure() throws Exception {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    Path history = cli.accountDir("default").resolve("history.jsonl");
    answerAfter(() -> occupy(history));

    CliRunner.Result result = renew(cli);

    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(stored(cli).login().musicKey()).isEqualTo(NEW_KEY);
    assertThat(result.err())
        .contains("default: renewed and stored, but its history could not be written")
        .contains(history.toString());
  }

  @Test
  void aFullDiskIsFoundBeforeTheRequestIsSent() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), "256k")) {
      CliRunner cli = new CliRunner(disk.root().resolve("home"));
      cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
      byte[] before = cli.storedBytes("default");
      server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW.minusSeconds(5)));
      disk.fill();

      CliRunner.Result result = renew(cli);

      assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.INTERNAL);
      assertThat(server.getRequestCount()).isZero();
      assertThat(result.err()).contains("No space left on device").contains("no renewal was sent");
      assertThat(cli.storedBytes("default")).isEqualTo(before);
      assertThat(leftovers(cli.accountDir("default"))).isEmpty();
    }
  }

  /**
   * The same as {@link #aFullDiskIsFoundBeforeTheRequestIsSent} without a mount: a file size limit
   * ({@code ulimit -f}) lets the process write the cookie's size but not the room the save
   * reserves.
   */
  @Test
  void aWriteLimitIsFoundBeforeTheRequestIsSentEvenWithoutAMount() throws Exception {
    CliRunner cli = new CliRunner(tmp.resolve("home"));
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    byte[] before = cli.storedBytes("default");
    assertThat(before.length).as("the cookie fits the limit below").isLessThan(8 * 1024);
    server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW.minusSeconds(5)));
    // --force: the process runs on the real clock, on which the test's cookie is long expired.
    ProcessBuilder qmcookie =
        MainProcessTest.command(
            "renew",
            "--force",
            "--home",
            cli.home.toString(),
            "--endpoint",
            server.url("/cgi-bin/musicu.fcg").toString());
    qmcookie.command().add(1, "-XX:-UsePerfData");
    // 16 blocks: 8 KiB where a block is 512 bytes (POSIX sh), 16 KiB where it is 1024 (bash).
    qmcookie.command().addAll(0, List.of("sh", "-c", "ulimit -f 16 && exec \"$@\"", "sh"));
    Path err = tmp.resolve("stderr.txt");

    Process p =
        qmcookie
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();

    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
        .as("qmcookie finished")
        .isTrue();
    String said = Files.readString(err);
    assertThat(p.exitValue()).as(said).isEqualTo(ExitCodes.INTERNAL);
    assertThat(said).contains("File too large").contains("no renewal was sent");
    assertThat(server.getRequestCount()).isZero();
    assertThat(cli.storedBytes("default")).isEqualTo(before);
    assertThat(leftovers(cli.accountDir("default"))).isEmpty();
  }

  @Test
  void aDiskThatFillsUpDuringTheRequestStillStoresTheAnswer() throws Exception {
    try (SmallDisk disk = SmallDisk.mount(tmp.resolve("disk"), "256k")) {
      CliRunner cli = new CliRunner(disk.root().resolve("home"));
      cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
      byte[] before = cli.storedBytes("default");
      answerAfter(disk::fill);

      CliRunner.Result result = renew(cli);

      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(stored(cli).login().musicKey()).isEqualTo(NEW_KEY);
      assertThat(Files.readAllBytes(cli.accountDir("default").resolve("cookie.json.prev")))
          .isEqualTo(before);
      assertThat(leftovers(cli.accountDir("default"))).isEmpty();
    }
  }

  static List<String> leftovers(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).forEach(names::add);
    }
    return names;
  }
}
