package dev.qmcookie.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ServerCheckTest {
  @Test
  void everyResultReadsBackAsWritten() throws Exception {
    for (ServerCheck check :
        new ServerCheck[] {
          ServerCheck.accepted(SampleCookies.NOW),
          ServerCheck.refused(SampleCookies.NOW, 1000),
          ServerCheck.unknown(SampleCookies.NOW, 502, "the server answered HTTP 502")
        }) {
      String json = JsonTrees.compact(check.writeTo(JsonTrees.object()));
      assertThat(ServerCheck.readFrom(JsonTrees.read(json))).isEqualTo(check);
    }
  }

  @Test
  void onlyAnUnknownResultCarriesAReason() {
    ObjectNode refused = ServerCheck.refused(SampleCookies.NOW, 1000).writeTo(JsonTrees.object());
    assertThat(refused.path("result").asText()).isEqualTo("refused");
    assertThat(refused.path("code").asInt()).isEqualTo(1000);
    assertThat(refused.path("at").asText()).isEqualTo("2026-11-24T12:00:00Z");
    assertThat(refused.has("reason")).isFalse();
    ObjectNode unknown =
        ServerCheck.unknown(SampleCookies.NOW, 0, "timed out").writeTo(JsonTrees.object());
    assertThat(unknown.path("reason").asText()).isEqualTo("timed out");
    assertThat(ServerCheck.unknown(SampleCookies.NOW, 0, "timed out").describe())
        .isEqualTo("unknown (timed out)");
  }

  @Test
  void aCheckWithoutATimeIsRefused() throws Exception {
    assertThatThrownBy(() -> ServerCheck.readFrom(JsonTrees.read("{\"result\":\"accepted\"}")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
