package dev.qmcookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Internal JDK classes (sun.misc.Signal, com.sun.security.auth) may change or vanish in any release
 * and warn on some: the code uses supported APIs only. com.sun.net.httpserver is a supported,
 * exported module and stays allowed.
 */
class NoInternalJdkApiTest {
  static final Pattern INTERNAL =
      Pattern.compile(
          "\\b(sun\\.(misc|nio\\.ch|security)|jdk\\.internal|com\\.sun\\.(security|crypto|proxy))\\.");

  @Test
  void noSourceUsesAnInternalJdkApi() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Path file : ArchitectureTest.javaFiles(ArchitectureTest.SOURCES)) {
      if (INTERNAL.matcher(Files.readString(file)).find()) {
        violations.add(ArchitectureTest.SOURCES.relativize(file).toString());
      }
    }
    assertThat(violations).isEmpty();
  }
}
