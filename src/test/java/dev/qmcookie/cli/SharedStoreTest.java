package dev.qmcookie.cli;

import static dev.qmcookie.cli.QqLogin.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RedisServer;
import dev.qmcookie.testkit.RenewalAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The commands through a shared store: two hosts (two homes, each its own runner) and one real
 * redis-server, renewals answered by MockWebServer.
 */
class SharedStoreTest {
  static final String NEW_KEY = RenewCommandTest.NEW_KEY;

  @TempDir Path tmp;
  RedisServer redis;
  MockWebServer server;
  String endpoint;
  CliRunner hostA;
  CliRunner hostB;

  @BeforeEach
  void start() throws IOException {
    redis = RedisServer.started();
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    endpoint = server.url("/cgi-bin/musicu.fcg").toString();
    hostA = new CliRunner(tmp.resolve("a"));
    hostB = new CliRunner(tmp.resolve("b"));
  }

  @AfterEach
  void stop() {
    server.close();
    redis.close();
  }

  static CliRunner.Result run(CliRunner host, String... args) {
    return host.run(args);
  }

  CliRunner.Result onStore(CliRunner host, String... args) {
    List<String> line = new ArrayList<>(List.of(args));
    line.addAll(List.of("--store", redis.url()));
    return host.run(line.toArray(String[]::new));
  }

  void importOnStore(CliRunner host, String cookie) {
    CliRunner.Result r =
        host.runWithInput(cookie, "import", "--account", "default", "-", "--store", redis.url());
    assertThat(r.code()).as(r.toString()).isZero();
  }

  /** Host B gets host A's key file, as a person copies it. */
  void copyKeyToB() throws IOException {
    Files.createDirectories(hostB.home);
    Files.copy(hostA.home.resolve("store.key"), hostB.home.resolve("store.key"));
    Files.setPosixFilePermissions(
        hostB.home.resolve("store.key"), PosixFilePermissions.fromString("rw-------"));
  }

  /** Every key of the Redis database with its raw value, for "nothing was written". */
  static Map<String, String> everything(Jedis raw) {
    Map<String, String> all = new TreeMap<>();
    for (String key : raw.keys("*")) {
      String type = raw.type(key);
      String value =
          switch (type) {
            case "string" -> raw.get(key);
            case "hash" -> new TreeMap<>(raw.hgetAll(key)).toString();
            case "list" -> raw.lrange(key, 0, -1).toString();
            case "set" -> new TreeMap<>(Map.of("members", raw.smembers(key).toString())).toString();
            case "zset" -> raw.zrange(key, 0, -1).toString();
            default -> type;
          };
      all.put(key, value);
    }
    return all;
  }

  @Test
  void oneHostImportsAndRenewsAnotherSeesAndExportsTheSameCookie() throws Exception {
    importOnStore(hostA, QqLogin.header(Duration.ofHours(21)));

    Path key = hostA.home.resolve("store.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .as("the key file is created owner-only on first use")
        .isEqualTo("rw-------");
    assertThat(hostA.home.resolve("default").resolve("cookie.json"))
        .as("the cookie lives in the store, not in the folder")
        .doesNotExist();
    assertThat(everything(redis.raw()).toString())
        .as("the store holds no cookie value in the clear")
        .isNotEmpty()
        .doesNotContain(QqLogin.KEY)
        .doesNotContain(QqLogin.REFRESH_TOKEN);
    copyKeyToB();

    CliRunner.Result status = onStore(hostB, "status", "--all");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out()).contains("default").contains("due");
    CliRunner.Result exported = onStore(hostB, "export");
    assertThat(exported.code()).as(exported.toString()).isZero();
    assertThat(exported.out()).contains("qqmusic_key=" + QqLogin.KEY);

    server.enqueue(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW.minusSeconds(5)));
    CliRunner.Result renewed = onStore(hostB, "renew", "--endpoint", endpoint);
    assertThat(renewed.code()).as(renewed.toString()).isZero();
    assertThat(renewed.out()).contains("default: renewed");

    CliRunner.Result onA = onStore(hostA, "export");
    assertThat(onA.code()).as(onA.toString()).isZero();
    assertThat(onA.out()).contains("qqmusic_key=" + NEW_KEY);
    CliRunner.Result again = onStore(hostA, "renew", "--all", "--force", "--endpoint", endpoint);
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out())
        .startsWith("default: skipped, it was renewed ")
        .contains("through the shared store");
    assertThat(server.getRequestCount()).as("one renewal across the hosts").isEqualTo(1);
  }

  @Test
  void aWrongKeyFileIsBadInputAndWritesNothing() throws Exception {
    importOnStore(hostA, QqLogin.header(Duration.ofHours(21)));
    Files.createDirectories(hostB.home);
    Path wrong = hostB.home.resolve("store.key");
    byte[] otherKey = new byte[32];
    new java.security.SecureRandom().nextBytes(otherKey);
    Files.writeString(wrong, java.util.Base64.getEncoder().encodeToString(otherKey) + "\n");
    Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> before = everything(redis.raw());

    for (String[] line :
        new String[][] {{"status"}, {"export"}, {"renew", "--force", "--endpoint", endpoint}}) {
      CliRunner.Result r = onStore(hostB, line);
      assertThat(r.code()).as(r.toString()).isEqualTo(5);
      assertThat(r.err().lines())
          .as(r.toString())
          .singleElement()
          .asString()
          .contains("the key file " + wrong + " does not open the store " + redis.url());
    }
    CliRunner.Result imported =
        hostB.runWithInput(
            QqLogin.header(Duration.ofHours(1)),
            "import",
            "-",
            "--replace",
            "--store",
            redis.url());
    assertThat(imported.code()).as(imported.toString()).isEqualTo(5);

    CliRunner.Result plaintext = onStore(hostB, "status", "--store-plaintext");
    assertThat(plaintext.code()).as(plaintext.toString()).isEqualTo(5);

    assertThat(everything(redis.raw())).isEqualTo(before);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void everyCommandClosesItsConnectionsWhenItEnds() throws Exception {
    importOnStore(hostA, QqLogin.header(Duration.ofHours(1)));
    for (int i = 0; i < 5; i++) {
      assertThat(onStore(hostA, "status", "--all").code()).isZero();
      assertThat(onStore(hostA, "export").code()).isZero();
      assertThat(onStore(hostA, "renew").code()).isZero();
    }

    assertThat(redis.raw().clientList().lines())
        .as("only this test's own connection is left")
        .hasSize(1);
  }

  @Test
  void aRenewalWhileRedisIsDownIsAPassingFaultAndTheExportStaysAsItWas() throws Exception {
    importOnStore(hostA, QqLogin.header(Duration.ofHours(21)));
    Path exportFile = tmp.resolve("tencent");
    CliRunner.Result exported = onStore(hostA, "export", "--out", exportFile.toString());
    assertThat(exported.code()).as(exported.toString()).isZero();
    byte[] before = Files.readAllBytes(exportFile);
    redis.stop();

    CliRunner.Result renewal = onStore(hostA, "renew", "--force", "--endpoint", endpoint);
    CliRunner.Result export = onStore(hostA, "export", "--out", exportFile.toString());

    assertThat(renewal.code()).as(renewal.toString()).isEqualTo(4);
    assertThat(renewal.err().lines())
        .singleElement()
        .asString()
        .contains("the store " + redis.url() + " cannot be reached");
    assertThat(export.code()).as(export.toString()).isEqualTo(4);
    assertThat(Files.readAllBytes(exportFile)).isEqualTo(before);
    assertThat(server.getRequestCount()).as("nothing is sent without the store").isZero();
  }

  @Test
  void aRenewerOnAnotherHostIsSkippedWhileOneRenews() throws Exception {
    importOnStore(hostA, QqLogin.header(Duration.ofHours(21)));
    copyKeyToB();
    server.enqueue(
        new MockResponse.Builder(RenewalAnswers.success(QqLogin.UIN, NEW_KEY, NOW.minusSeconds(5)))
            .headersDelay(2, TimeUnit.SECONDS)
            .build());
    CompletableFuture<CliRunner.Result> first =
        CompletableFuture.supplyAsync(
            () -> onStore(hostA, "renew", "--force", "--endpoint", endpoint));
    assertThat(server.takeRequest(10, TimeUnit.SECONDS)).as("host A is renewing").isNotNull();

    CliRunner.Result second = onStore(hostB, "renew", "--force", "--endpoint", endpoint);

    assertThat(second.code()).as(second.toString()).isZero();
    assertThat(second.out())
        .contains("default: skipped, another host is renewing it (")
        .contains(":" + ProcessHandle.current().pid() + ")");
    CliRunner.Result renewed = first.get(30, TimeUnit.SECONDS);
    assertThat(renewed.code()).as(renewed.toString()).isZero();
    assertThat(server.getRequestCount()).as("one renewal across the hosts").isEqualTo(1);
    assertThat(onStore(hostB, "export").out()).contains("qqmusic_key=" + NEW_KEY);
  }

  @Test
  void statusOfAnEmptyStoreSaysHowToRefillIt() throws Exception {
    CliRunner.Result text = onStore(hostA, "status", "--all");
    CliRunner.Result json = onStore(hostA, "status", "--all", "--json");

    assertThat(text.code()).as(text.toString()).isZero();
    assertThat(text.out().strip())
        .isEqualTo(
            "the store "
                + redis.url()
                + " holds no accounts; if Redis restarted without persistence, run `qmcookie"
                + " store push` on a host that still holds its folders (docs/fleet.md)");
    assertThat(json.code()).as(json.toString()).isZero();
    assertThat(RenewCommandTest.JSON.readTree(json.out())).isEmpty();
    assertThat(RenewCommandTest.JSON.readTree(json.out()).isArray()).isTrue();
    assertThat(json.err()).contains("holds no accounts");
    CliRunner.Result renewal = onStore(hostA, "renew", "--all", "--endpoint", endpoint);
    assertThat(renewal.code()).as(renewal.toString()).isEqualTo(5);
    assertThat(renewal.err()).contains("the store " + redis.url() + " holds no accounts");
  }

  @Test
  void theStoreComesFromTheEnvironmentOrTheConfigAndAnEmptyFlagTurnsItOff() throws Exception {
    hostA.env.put(StoreOptions.ENV, redis.url());
    hostA.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    assertThat(hostA.home.resolve("default").resolve("cookie.json")).doesNotExist();
    Files.createDirectories(hostB.home);
    Files.writeString(
        hostB.home.resolve("config.json"),
        "{\"store\": \""
            + redis.url()
            + "\", \"store-key-file\": \""
            + hostA.home.resolve("store.key")
            + "\", \"store-lease\": \"2m\"}");

    CliRunner.Result viaConfig = hostB.run("export");
    CliRunner.Result off = hostA.run("status", "--all", "--store", "");

    assertThat(viaConfig.code()).as(viaConfig.toString()).isZero();
    assertThat(viaConfig.out()).contains("qqmusic_key=" + QqLogin.KEY);
    assertThat(off.code()).as(off.toString()).isZero();
    assertThat(off.out()).startsWith("no accounts under ");
  }

  @Test
  void theEnvironmentWinsOverTheConfigAndTheFlagOverBoth() throws Exception {
    Files.createDirectories(hostA.home);
    Files.writeString(hostA.home.resolve("config.json"), "{\"store\": \"redis://127.0.0.1:9/0\"}");
    hostA.env.put(StoreOptions.ENV, redis.url());

    CliRunner.Result viaEnv = hostA.run("status", "--all");
    CliRunner.Result viaFlag = hostA.run("status", "--all", "--store", "");

    assertThat(viaEnv.out()).as(viaEnv.toString()).contains("the store " + redis.url());
    assertThat(viaFlag.out()).as(viaFlag.toString()).startsWith("no accounts under ");
  }

  @Test
  void aLeaseShorterThanASecondIsAUsageError() {
    CliRunner.Result r = onStore(hostA, "status", "--all", "--store-lease", "500ms");

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("--store-lease must be at least 1s");
  }

  @Test
  void thePasswordInTheAddressIsNeverPrinted() throws Exception {
    String password = "s3cretPASSw0rd";
    redis.raw().configSet("requirepass", password);
    String url = "redis://:" + password + "@127.0.0.1:" + redis.port() + "/0";
    String wrong = "redis://:wrong" + password + "@127.0.0.1:" + redis.port() + "/0";
    List<CliRunner.Result> results = new ArrayList<>();

    results.add(
        hostA.runWithInput(
            QqLogin.header(Duration.ofHours(21)), "import", "-", "--store", url, "--verbose"));
    results.add(hostA.run("status", "--all", "--store", url, "--verbose"));
    results.add(hostA.run("status", "--all", "--store", wrong, "--verbose"));
    redis.stop();
    results.add(hostA.run("renew", "--force", "--endpoint", endpoint, "--store", url, "-v"));

    assertThat(results.get(0).code()).as(results.get(0).toString()).isZero();
    assertThat(results.get(1).code()).as(results.get(1).toString()).isZero();
    assertThat(results.get(2).code()).as(results.get(2).toString()).isNotZero();
    assertThat(results.get(3).code()).as(results.get(3).toString()).isEqualTo(4);
    for (CliRunner.Result r : results) {
      assertThat(r.out() + r.err()).doesNotContain(password);
    }
  }
}
