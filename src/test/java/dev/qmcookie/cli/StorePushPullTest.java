package dev.qmcookie.cli;

import static dev.qmcookie.cli.QqLogin.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store push} and {@code store pull} between homes' folders and a real redis-server. */
class StorePushPullTest {
  static final String NEWER_KEY = "Q_H_L_63k3NnewNEWERkeyNEWERkey1";

  @TempDir Path tmp;
  RedisServer redis;
  CliRunner hostA;
  CliRunner hostB;

  @BeforeEach
  void start() {
    redis = RedisServer.started();
    hostA = new CliRunner(tmp.resolve("a"));
    hostB = new CliRunner(tmp.resolve("b"));
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  CliRunner.Result store(CliRunner host, String... args) {
    List<String> line = new ArrayList<>(List.of("store"));
    line.addAll(List.of(args));
    line.addAll(List.of("--store", redis.url(), "--store-plaintext"));
    return host.run(line.toArray(String[]::new));
  }

  void importOnStore(CliRunner host, String account, String cookie) {
    CliRunner.Result r =
        host.runWithInput(
            cookie,
            "import",
            "--account",
            account,
            "-",
            "--replace",
            "--store",
            redis.url(),
            "--store-plaintext");
    assertThat(r.code()).as(r.toString()).isZero();
  }

  @Test
  void pushThenPullCarriesEveryAccountAndASecondRunChangesNothing() throws Exception {
    hostA.importCookie("alice", QqLogin.header(Duration.ofHours(3)));
    hostA.importCookie("bob", QqLogin.header(Duration.ofHours(2)));

    CliRunner.Result pushed = store(hostA, "push");

    assertThat(pushed.code()).as(pushed.toString()).isZero();
    assertThat(pushed.out().lines())
        .containsExactly(
            "alice: copied into the store " + redis.url(),
            "bob: copied into the store " + redis.url());
    Map<String, String> stored = SharedStoreTest.everything(redis.raw());
    assertThat(hostA.home.resolve("store.key"))
        .as("--store-plaintext: no key is made")
        .doesNotExist();
    assertThat(stored.toString()).as("unsealed, on purpose").contains(QqLogin.KEY);

    CliRunner.Result again = store(hostA, "push");

    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out().lines())
        .containsExactly(
            "alice: unchanged, the same cookie is there already",
            "bob: unchanged, the same cookie is there already");
    assertThat(SharedStoreTest.everything(redis.raw()))
        .as("no new version, no history line")
        .isEqualTo(stored);

    CliRunner.Result pulled = store(hostB, "pull");

    assertThat(pulled.code()).as(pulled.toString()).isZero();
    assertThat(pulled.out().lines())
        .hasSize(2)
        .allMatch(l -> l.contains(": copied into the folders of "));
    for (String account : List.of("alice", "bob")) {
      Path cookie = hostB.accountDir(account).resolve("cookie.json");
      assertThat(Files.readString(cookie))
          .isEqualTo(Files.readString(hostA.accountDir(account).resolve("cookie.json")));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cookie)))
          .isEqualTo("rw-------");
    }
    var modified = Files.getLastModifiedTime(hostB.accountDir("alice").resolve("cookie.json"));

    CliRunner.Result pulledAgain = store(hostB, "pull");

    assertThat(pulledAgain.out().lines())
        .allMatch(l -> l.endsWith(": unchanged, the same cookie is there already"));
    assertThat(Files.getLastModifiedTime(hostB.accountDir("alice").resolve("cookie.json")))
        .isEqualTo(modified);
  }

  @Test
  void aNewerLoginInTheStoreIsRefusedWithoutForceAndOverwrittenWithIt() throws Exception {
    Instant older = NOW.minus(Duration.ofHours(5));
    Instant newer = NOW.minus(Duration.ofHours(1));
    hostA.importCookie("default", QqLogin.header(QqLogin.UIN, QqLogin.KEY, older));
    importOnStore(hostB, "default", QqLogin.header(QqLogin.UIN, NEWER_KEY, newer));
    Map<String, String> before = SharedStoreTest.everything(redis.raw());

    CliRunner.Result refused = store(hostA, "push", "--account", "default");

    assertThat(refused.code()).as(refused.toString()).isEqualTo(5);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err().lines())
        .singleElement()
        .asString()
        .startsWith("qmcookie: default: ")
        .contains(older.toString())
        .contains(newer.toString())
        .contains("--force");
    assertThat(SharedStoreTest.everything(redis.raw())).isEqualTo(before);

    CliRunner.Result forced = store(hostA, "push", "--account", "default", "--force");

    assertThat(forced.code()).as(forced.toString()).isZero();
    assertThat(forced.out()).contains("default: copied");
    CliRunner.Result exported = hostB.run("export", "--store", redis.url(), "--store-plaintext");
    assertThat(exported.out()).contains("qqmusic_key=" + QqLogin.KEY);
  }

  @Test
  void pullRefusesToRollBackANewerFolderUnlessForced() throws Exception {
    importOnStore(
        hostA, "default", QqLogin.header(QqLogin.UIN, QqLogin.KEY, NOW.minus(Duration.ofHours(5))));
    hostB.importCookie(
        "default", QqLogin.header(QqLogin.UIN, NEWER_KEY, NOW.minus(Duration.ofHours(1))));
    byte[] before = hostB.storedBytes("default");

    CliRunner.Result refused = store(hostB, "pull");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(5);
    assertThat(hostB.storedBytes("default")).isEqualTo(before);

    CliRunner.Result forced = store(hostB, "pull", "--force");
    assertThat(forced.code()).as(forced.toString()).isZero();
    assertThat(new String(hostB.storedBytes("default"))).contains(QqLogin.KEY);
  }

  @Test
  void withoutAStoreTheCommandSaysHowToNameOne() throws IOException {
    hostA.importCookie("default", QqLogin.header(Duration.ofHours(3)));

    CliRunner.Result r = hostA.run("store", "push");
    CliRunner.Result none = hostA.run("store");

    assertThat(r.code()).as(r.toString()).isEqualTo(5);
    assertThat(r.err()).contains("--store").contains("QMCOOKIE_STORE");
    assertThat(none.code()).as(none.toString()).isEqualTo(2);
  }

  @Test
  void anEmptyStoreHasNothingToPull() {
    CliRunner.Result r = store(hostA, "pull");

    assertThat(r.code()).as(r.toString()).isEqualTo(5);
    assertThat(r.err()).contains("the store " + redis.url() + " holds no accounts");
  }
}
