package dev.qmcookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps data flowing one way (import → vault → renew → export, with the CLI on top) by reading the
 * sources: a package may use only the packages of the layers below its own, so that nothing imports
 * {@code cli} and the packages of one layer do not know each other. The layers are the ones of
 * docs/architecture.md.
 */
class ArchitectureTest {
  static final Path SOURCES = Path.of("src/main/java/dev/qmcookie");
  static final Pattern REFERENCE = Pattern.compile("\\bdev\\.qmcookie\\.([a-z]+)\\.");

  /** From the bottom up. */
  static final List<List<String>> LAYERS =
      List.of(
          List.of("failure"),
          List.of("cookie"),
          List.of("vault", "renew", "http", "browser", "selftest"),
          List.of("qrlogin"),
          List.of("account"),
          List.of("schedule", "checkup", "capture", "store"),
          List.of("web"),
          List.of("cli"));

  // account/ reads a browser profile only through its ProfileReader: Selenium loads only for the
  // commands that start a browser, and tests hand in a fake.
  // qrlogin/ stands on renew/ (its answer reading and merge table) but, like it, knows nothing of
  // files or browsers: storing a login is the caller's.
  // store/ keeps records and nothing else: the use cases on top of it stay account/'s.
  static final Map<String, Set<String>> EXCEPT =
      Map.of(
          "account", Set.of("browser"),
          "qrlogin", Set.of("vault", "browser", "selftest"),
          "store", Set.of("renew", "http", "browser", "selftest", "qrlogin", "account"));

  @Test
  void packagesOnlyUseThePackagesBelowThem() throws IOException {
    assertThat(violations(SOURCES)).isEmpty();
  }

  @Test
  void aPackageThatUsesOneOfItsLayerOrAboveIsFound(@TempDir Path root) throws IOException {
    write(
        root,
        "schedule/Up.java",
        "package dev.qmcookie.schedule;\nimport dev.qmcookie.cli.ExitCodes;\n");
    write(root, "renew/Side.java", "class Side { dev.qmcookie.browser.LoginPage page; }\n");
    write(
        root,
        "account/Down.java",
        "import dev.qmcookie.vault.Account;\nimport dev.qmcookie.account.Times;\n");
    write(root, "account/Chrome.java", "import dev.qmcookie.browser.BrowserSession;\n");
    write(root, "vault/package-info.java", "package dev.qmcookie.vault;\n");

    assertThat(violations(root))
        .containsExactlyInAnyOrder(
            "schedule/Up.java uses cli",
            "renew/Side.java uses browser",
            "account/Chrome.java uses browser");
  }

  @Test
  void aPackageWithoutALayerIsFound(@TempDir Path root) throws IOException {
    write(root, "cluster/Fleet.java", "package dev.qmcookie.cluster;\n");

    assertThat(violations(root)).containsExactly("cluster has no layer in ArchitectureTest.LAYERS");
  }

  @Test
  void onlyTheCommandLineReadsTheEnvironmentOrExits() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles(SOURCES)) {
      String text = Files.readString(file);
      boolean cli = SOURCES.relativize(file).getName(0).toString().equals("cli");
      if (!cli
          && (text.contains("System.getenv")
              || text.contains("System.exit")
              || text.contains("System.out"))) {
        violations.add(SOURCES.relativize(file).toString());
      }
    }
    assertThat(violations).isEmpty();
  }

  // The CLI keeps Jedis unloaded without a store: only store/ may name it.
  @Test
  void onlyTheStoreUsesJedis() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles(SOURCES)) {
      boolean store = SOURCES.relativize(file).getName(0).toString().equals("store");
      if (!store && Files.readString(file).contains("redis.clients.")) {
        violations.add(SOURCES.relativize(file).toString());
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPackageSaysWhatLivesThere() throws IOException {
    try (Stream<Path> dirs = Files.list(SOURCES)) {
      assertThat(dirs.filter(Files::isDirectory))
          .allSatisfy(d -> assertThat(d.resolve("package-info.java")).exists());
    }
  }

  static List<String> violations(Path root) throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles(root)) {
      String pkg = root.relativize(file).getName(0).toString();
      int layer = layerOf(pkg);
      if (layer < 0) {
        String problem = pkg + " has no layer in ArchitectureTest.LAYERS";
        if (!violations.contains(problem)) {
          violations.add(problem);
        }
        continue;
      }
      Matcher m = REFERENCE.matcher(Files.readString(file));
      while (m.find()) {
        String used = m.group(1);
        String problem = root.relativize(file) + " uses " + used;
        boolean below = layerOf(used) >= 0 && layerOf(used) < layer;
        boolean excepted = EXCEPT.getOrDefault(pkg, Set.of()).contains(used);
        if (!used.equals(pkg) && (!below || excepted) && !violations.contains(problem)) {
          violations.add(problem);
        }
      }
    }
    return violations;
  }

  static int layerOf(String pkg) {
    for (int i = 0; i < LAYERS.size(); i++) {
      if (LAYERS.get(i).contains(pkg)) {
        return i;
      }
    }
    return -1;
  }

  static void write(Path root, String file, String text) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(list).isNotEmpty();
      return list;
    }
  }
}
