package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.vault.OtherUser;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home, config or account that another user can write is refused (exit 5) before anything in it
 * is believed: a planted config.json once sent the cookie to its own endpoint.
 */
class TrustedHomeTest {
  @TempDir Path tmp;
  Path home;
  CliRunner cli;
  MockWebServer attacker;

  @BeforeEach
  void setUp() throws IOException {
    home = tmp.resolve("home");
    cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    attacker = new MockWebServer();
    attacker.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    attacker.close();
  }

  Path plantConfig() throws IOException {
    String endpoint = attacker.url("/steal").toString();
    return Files.writeString(home.resolve("config.json"), "{\"endpoint\": \"" + endpoint + "\"}");
  }

  void assertNothingSent() throws InterruptedException {
    assertThat(attacker.takeRequest(100, TimeUnit.MILLISECONDS))
        .as("a request reached the planted endpoint")
        .isNull();
  }

  @Test
  void aConfigOthersCanWriteIsRefusedBeforeItsEndpointGetsTheCookie() throws Exception {
    Path config = plantConfig();
    Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));

    CliRunner.Result result = cli.run("renew", "--force");

    assertThat(result.code()).as(result.toString()).isEqualTo(5);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .contains(config.toString())
        .contains("chmod go-w " + config);
    assertNothingSent();
  }

  @Test
  void aConfigOfAnotherUserIsRefused() throws Exception {
    Path config = plantConfig();
    OtherUser.give(config);

    CliRunner.Result result = cli.run("renew", "--force");

    assertThat(result.code()).as(result.toString()).isEqualTo(5);
    assertThat(result.err()).contains(config + " is owned by nobody").contains("chown ");
    assertNothingSent();
  }

  @Test
  void aConfigLinkedToAFileOfAnotherUserIsRefused() throws Exception {
    Path planted =
        Files.writeString(
            tmp.resolve("planted.json"), "{\"endpoint\": \"" + attacker.url("/") + "\"}");
    OtherUser.give(planted);
    Files.createSymbolicLink(home.resolve("config.json"), planted);

    CliRunner.Result result = cli.run("renew", "--force");

    assertThat(result.code()).as(result.toString()).isEqualTo(5);
    assertThat(result.err()).contains(planted.toRealPath() + " is owned by nobody");
    assertNothingSent();
  }

  @Test
  void aHomeOthersCanWriteIsRefusedByEveryCommandThatUsesIt() throws Exception {
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));

    for (String command : new String[] {"status", "export", "renew"}) {
      CliRunner.Result result = cli.run(command);
      assertThat(result.code()).as(result.toString()).isEqualTo(5);
      assertThat(result.err())
          .as(command)
          .contains("the home " + home.toRealPath())
          .contains("chmod go-w");
    }
  }

  @Test
  void aHomeOfAnotherUserIsRefused() throws Exception {
    OtherUser.give(home);

    CliRunner.Result result = cli.run("status");

    assertThat(result.code()).as(result.toString()).isEqualTo(5);
    assertThat(result.err()).contains(home.toRealPath() + " is owned by nobody").contains("chown ");
  }

  @Test
  void aHomeReachedThroughALinkIsJudgedByItsTarget() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), home);
    cli.env.put("QMCOOKIE_HOME", link.toString());

    CliRunner.Result fine = cli.run("status");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwx---"));
    OtherUser.giveGroup(home);
    CliRunner.Result refused = cli.run("status");

    assertThat(fine.code()).as(fine.toString()).isZero();
    assertThat(refused.code()).as(refused.toString()).isEqualTo(5);
    assertThat(refused.err()).contains(home.toRealPath().toString());
  }

  @Test
  void anAccountFolderOrCookieOthersCanWriteIsRefused() throws Exception {
    Path account = cli.accountDir("default");
    Files.setPosixFilePermissions(account, PosixFilePermissions.fromString("rwxrwxrwx"));
    CliRunner.Result folder = cli.run("export");
    Files.setPosixFilePermissions(account, PosixFilePermissions.fromString("rwx------"));
    Path cookie = account.resolve("cookie.json");
    Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("rw--w----"));
    OtherUser.giveGroup(cookie);
    CliRunner.Result file = cli.run("status", "--all");

    assertThat(folder.code()).as(folder.toString()).isEqualTo(5);
    assertThat(folder.err()).contains(account.toRealPath() + " can be written by group or others");
    assertThat(file.code()).as(file.toString()).isEqualTo(5);
    assertThat(file.err()).contains(cookie.toRealPath() + " can be written").contains("chmod go-w");
  }

  @Test
  void oneAccountFolderOthersCanWriteDoesNotHideTheOthers() throws Exception {
    cli.importCookie("second", QqLogin.header(Duration.ofHours(1)));
    Path shared = cli.accountDir("default");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    CliRunner.Result status = cli.run("status", "--all");

    assertThat(status.code()).as(status.toString()).isEqualTo(5);
    assertThat(status.err()).contains(shared.toRealPath() + " can be written by group or others");
    assertThat(status.out()).contains("second").contains("fresh");
  }

  @Test
  void aConfigThatIsAFifoOrAFolderIsRefusedNotSilentlySkipped() throws Exception {
    Path config = home.resolve("config.json");
    dev.qmcookie.vault.SpecialFiles.fifo(config);
    cli.env.put("QMCOOKIE_ENDPOINT", attacker.url("/").toString()); // doctor resolves it
    CliRunner.Result fifo = cli.run("status");
    CliRunner.Result doctor = cli.run("doctor", "--no-download");
    Files.delete(config);
    Files.createDirectory(config);
    CliRunner.Result folder = cli.run("status");

    assertThat(fifo.code()).as(fifo.toString()).isEqualTo(5);
    assertThat(fifo.err())
        .contains(config.toRealPath() + " is not a regular file")
        .contains("rm -r");
    assertThat(doctor.out()).contains("fail  config").doesNotContain("config.json: yours");
    assertThat(folder.code()).as(folder.toString()).isEqualTo(5);
    assertThat(folder.err()).contains("is not a regular file");
  }

  @Test
  void aHomeThatIsAFileOrAFifoIsNamedAsNotAFolder() throws Exception {
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    Path fifo = dev.qmcookie.vault.SpecialFiles.fifo(tmp.resolve("afifo"));

    CliRunner.Result onFile = new CliRunner(file).run("status");
    CliRunner.Result onFifo = new CliRunner(fifo).run("status");

    assertThat(onFile.code()).as(onFile.toString()).isEqualTo(5);
    assertThat(onFile.err()).contains("the home " + file + " is not a folder").contains("--home");
    assertThat(onFifo.code()).as(onFifo.toString()).isEqualTo(5);
    assertThat(onFifo.err()).contains("is not a folder");
  }

  @Test
  void aCookieOfAnotherUserIsRefused() throws Exception {
    Path cookie = cli.accountDir("default").resolve("cookie.json");
    OtherUser.give(cookie);

    CliRunner.Result result = cli.run("export");

    assertThat(result.code()).as(result.toString()).isEqualTo(5);
    assertThat(result.err()).contains(cookie.toRealPath() + " is owned by nobody");
  }

  @Test
  void theDefaultHomeWorksInACheckoutWritableOnlyByTheUsersOwnGroup() throws Exception {
    // A checkout made with Debian's umask 002: group-writable, by a group that holds only us.
    Path checkout = Files.createDirectory(tmp.resolve("checkout"));
    Files.setPosixFilePermissions(checkout, PosixFilePermissions.fromString("rwxrwxr-x"));
    int gid = (Integer) Files.getAttribute(checkout, "unix:gid");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dev.qmcookie.vault.UnixUsers.system()
            .groupHoldsOnly(
                gid, dev.qmcookie.vault.RunningUser.principal().orElseThrow().getName()),
        "the group of a new folder here lets other users in");
    Path cookie = Files.writeString(tmp.resolve("cookie.txt"), QqLogin.header(Duration.ofHours(1)));

    Process imported =
        MainProcessTest.command("import", "--file", cookie.toString())
            .directory(checkout.toFile())
            .start();

    assertThat(imported.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(imported.exitValue())
        .as(new String(imported.getErrorStream().readAllBytes()))
        .isZero();
    assertThat(checkout.resolve("profiles/default/cookie.json")).isRegularFile();
  }

  @Test
  void theDefaultHomeIsRefusedInAFolderOthersCanWrite() throws Exception {
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path own = Files.createDirectory(tmp.resolve("own"));
    Path cookie = Files.writeString(tmp.resolve("cookie.txt"), QqLogin.header(Duration.ofHours(1)));

    Process inShared =
        MainProcessTest.command("import", "--file", cookie.toString())
            .directory(shared.toFile())
            .start();
    Process inOwn =
        MainProcessTest.command("import", "--file", cookie.toString())
            .directory(own.toFile())
            .start();

    assertThat(inShared.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(inOwn.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(inShared.getErrorStream().readAllBytes());
    assertThat(inShared.exitValue()).as(err).isEqualTo(5);
    assertThat(err.lines())
        .singleElement()
        .asString()
        .contains("the current folder " + shared.toRealPath())
        .contains("--home")
        .contains("QMCOOKIE_HOME");
    assertThat(shared.resolve("profiles")).doesNotExist();
    assertThat(inOwn.exitValue()).as(new String(inOwn.getErrorStream().readAllBytes())).isZero();
    assertThat(own.resolve("profiles/default/cookie.json")).isRegularFile();
  }
}
