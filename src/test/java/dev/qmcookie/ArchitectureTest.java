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

/**
 * Keeps data flowing one way (import → vault → renew → export, with the CLI on top) by reading
 * the sources: a package may use only the packages listed for it here.
 */
class ArchitectureTest {
  static final Path SOURCES = Path.of("src/main/java/dev/qmcookie");
  static final Pattern REFERENCE = Pattern.compile("\\bdev\\.qmcookie\\.([a-z]+)\\.");

  static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "failure", Set.of(),
          "cookie", Set.of("failure"),
          "vault", Set.of("cookie", "failure"),
          "renew", Set.of("cookie", "failure"),
          "browser", Set.of("cookie", "failure"),
          "selftest", Set.of(),
          "account", Set.of("cookie", "vault", "renew", "failure"),
          "schedule", Set.of("cookie", "vault", "renew", "account", "failure"),
          "cli", Set.of("cookie", "vault", "renew", "browser", "selftest", "account", "schedule", "failure"));

  @Test
  void packagesOnlyUseThePackagesBelowThem() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      String pkg = SOURCES.relativize(file).getName(0).toString();
      Set<String> allowed = ALLOWED.get(pkg);
      assertThat(allowed).as("package %s has a place in ALLOWED", pkg).isNotNull();
      Matcher m = REFERENCE.matcher(Files.readString(file));
      while (m.find()) {
        String used = m.group(1);
        if (!used.equals(pkg) && !allowed.contains(used)) {
          violations.add(SOURCES.relativize(file) + " uses " + used);
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void onlyTheCommandLineReadsTheEnvironmentOrExits() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : javaFiles()) {
      String text = Files.readString(file);
      boolean cli = SOURCES.relativize(file).getName(0).toString().equals("cli");
      if (!cli && (text.contains("System.getenv") || text.contains("System.exit") || text.contains("System.out"))) {
        violations.add(SOURCES.relativize(file).toString());
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyPackageSaysWhatLivesThere() throws IOException {
    try (Stream<Path> dirs = Files.list(SOURCES)) {
      assertThat(dirs.filter(Files::isDirectory)).allSatisfy(d -> assertThat(d.resolve("package-info.java")).exists());
    }
  }

  static List<Path> javaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<Path> list = files.filter(p -> p.toString().endsWith(".java")).toList();
      assertThat(list).isNotEmpty();
      return list;
    }
  }
}
