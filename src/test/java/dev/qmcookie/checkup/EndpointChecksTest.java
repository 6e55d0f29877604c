package dev.qmcookie.checkup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.checkup.Check.Level;
import dev.qmcookie.checkup.EndpointChecks.Endpoint;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Loopback literals only: resolving them asks no DNS server. */
class EndpointChecksTest {
  static final HttpUrl LOCAL = HttpUrl.get("http://127.0.0.1:9/cgi-bin/musicu.fcg");

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
}
