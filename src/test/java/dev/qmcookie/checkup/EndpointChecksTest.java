package dev.qmcookie.checkup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.checkup.Check.Level;
import dev.qmcookie.checkup.EndpointChecks.Endpoint;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.ConfigDocument;
import dev.qmcookie.vault.HomeChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loopback literals only: resolving them asks no DNS server. */
class EndpointChecksTest {
  static final HttpUrl LOCAL = HttpUrl.get("http://127.0.0.1:9/cgi-bin/musicu.fcg");

  @Test
  void theDefaultEndpointAlsoNamesShapeBsHostButAnOverrideTakesBothShapes() {
    HttpUrl real = HttpUrl.get("https://u6.y.qq.com/cgi-bin/musicu.fcg");

    assertThat(
            EndpointChecks.withShapeB(
                List.of(
                    new Endpoint("renew", real, "the default"),
                    new Endpoint("daemon", LOCAL, "config.json"))))
        .containsExactly(
            new Endpoint("renew", real, "the default"),
            new Endpoint(
                "renew (shape b)",
                HttpUrl.get("https://u.y.qq.com/cgi-bin/musicu.fcg"),
                "the default"),
            new Endpoint("daemon", LOCAL, "config.json"));
  }

  @Test
  void commandsSendingToOneUrlShareOneCheck() {
    List<Check> checks =
        EndpointChecks.resolve(
            List.of(
                new Endpoint("renew", LOCAL, "$QMCOOKIE_ENDPOINT"),
                new Endpoint("daemon", LOCAL, "the default")));

    assertThat(checks)
        .containsExactly(
            new Check(
                Level.OK,
                "endpoint",
                "127.0.0.1 resolves to 127.0.0.1; renew (from $QMCOOKIE_ENDPOINT) and daemon (from"
                    + " the default) send the cookie to http://127.0.0.1:9",
                null));
  }

  @Test
  void eachUrlIsCheckedOnceInTheOrderOfTheCommands() {
    List<Check> checks =
        EndpointChecks.resolve(
            List.of(
                new Endpoint("renew", LOCAL, "the default"),
                new Endpoint(
                    "daemon", HttpUrl.get("https://127.0.0.2/cgi-bin/musicu.fcg"), "config.json")));

    assertThat(checks)
        .extracting(Check::detail)
        .containsExactly(
            "127.0.0.1 resolves to 127.0.0.1; renew (from the default) sends the cookie to"
                + " http://127.0.0.1:9",
            "127.0.0.2 resolves to 127.0.0.2; daemon (from config.json) sends the cookie to"
                + " https://127.0.0.2:443");
  }

  @Test
  void aConfiguredEndpointWinsAndTheFallbackIsAskedOnlyForTheCommandWithout(@TempDir Path home)
      throws Exception {
    Path file = home.resolve("config.json");
    Files.writeString(
        file, "{\"daemon\": {\"endpoint\": \"http://127.0.0.3/cgi-bin/musicu.fcg\"}}");
    List<String> asked = new ArrayList<>();

    List<Check> checks =
        EndpointChecks.inEffect(
            ConfigDocument.of(new HomeChoice(home, false)),
            () -> {
              asked.add("fallback");
              return LOCAL;
            },
            "the default",
            "fix it");

    assertThat(asked).containsExactly("fallback");
    assertThat(checks)
        .extracting(Check::detail)
        .anyMatch(d -> d.contains("renew (from the default)"));
    assertThat(checks)
        .extracting(Check::detail)
        .anyMatch(d -> d.contains("daemon (from " + file + ")"));
  }

  @Test
  void anUnusableEndpointIsOneFailingCheckWithItsFix(@TempDir Path home) throws Exception {
    Path file = home.resolve("config.json");
    Files.writeString(file, "{\"endpoint\": \"not a url\"}");

    List<Check> configured =
        EndpointChecks.inEffect(
            ConfigDocument.of(new HomeChoice(home, false)), () -> LOCAL, "the default", "x");
    List<Check> fromEnvironment =
        EndpointChecks.inEffect(
            null,
            () -> {
              throw new InvalidInputException("$QMCOOKIE_ENDPOINT is not an http:// URL");
            },
            "$QMCOOKIE_ENDPOINT",
            "fix or unset $QMCOOKIE_ENDPOINT");

    assertThat(configured)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.level()).isEqualTo(Level.FAIL);
              assertThat(c.detail())
                  .isEqualTo(file + " names an endpoint that is not an http(s) URL");
              assertThat(c.fix()).isEqualTo("fix the endpoint in " + file);
            });
    assertThat(fromEnvironment)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.level()).isEqualTo(Level.FAIL);
              assertThat(c.detail()).isEqualTo("$QMCOOKIE_ENDPOINT is not an http:// URL");
              assertThat(c.fix()).isEqualTo("fix or unset $QMCOOKIE_ENDPOINT");
            });
  }
}
