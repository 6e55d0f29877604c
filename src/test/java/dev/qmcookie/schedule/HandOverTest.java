package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.failure.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandOverTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void exportTargetsNameTheirAccountFormatAndPath() {
    ExportTarget plain = ExportTarget.parse("header:/srv/meting/cookie/tencent");
    ExportTarget named = ExportTarget.parse("work=netscape:/srv/ytdlp/cookies.txt");
    ExportTarget every = ExportTarget.parse("playwright:/srv/state/{account}.json");

    assertThat(plain)
        .isEqualTo(new ExportTarget(null, CookieFormat.HEADER, "/srv/meting/cookie/tencent"));
    assertThat(plain.appliesTo("default", "default")).isTrue();
    assertThat(plain.appliesTo("work", "default")).isFalse();
    assertThat(named.appliesTo("work", "default")).isTrue();
    assertThat(named.appliesTo("default", "default")).isFalse();
    assertThat(every.appliesTo("work", "default")).isTrue();
    assertThat(every.pathFor("work")).isEqualTo(Path.of("/srv/state/work.json"));
  }

  @Test
  void aMalformedTargetSaysWhatItShouldLookLike() {
    for (String bad : List.of("header", "yaml:/x", "header:", ":/x", "a=b")) {
      assertThatThrownBy(() -> ExportTarget.parse(bad))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("[ACCOUNT=]FORMAT:PATH");
    }
  }

  @Test
  void eventsAreOneLineOfTextOrJson() {
    StringWriter text = new StringWriter();
    StringWriter json = new StringWriter();
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("via", "http");
    fields.put("message", "the server said \"no\"");
    fields.put("skipped", null);
    fields.put("failures", 2);

    new EventLog(new PrintWriter(text), EventLog.Format.TEXT, CLOCK)
        .log("retrying", "alice", fields);
    new EventLog(new PrintWriter(json), EventLog.Format.JSON, CLOCK)
        .log("retrying", "alice", fields);

    assertThat(text.toString())
        .isEqualTo(
            "2026-11-24T12:00:00Z retrying account=alice via=http message=\"the server said \\\"no\\\"\" failures=2\n");
    assertThat(json.toString())
        .isEqualTo(
            "{\"time\":\"2026-11-24T12:00:00Z\",\"event\":\"retrying\",\"account\":\"alice\",\"via\":\"http\","
                + "\"message\":\"the server said \\\"no\\\"\",\"failures\":2}\n");
  }

  @Test
  void hooksGetTheEventInTheirEnvironmentAndFailuresAreOnlyLogged(@TempDir Path tmp)
      throws Exception {
    StringWriter out = new StringWriter();
    EventLog log = new EventLog(new PrintWriter(out), EventLog.Format.TEXT, CLOCK);
    Path seen = tmp.resolve("seen");
    Hooks hooks =
        new Hooks(
            "printf '%s|%s|%s|%s|%s' \"$QMCOOKIE_ACCOUNT\" \"$QMCOOKIE_OUTCOME\" \"$QMCOOKIE_EXIT_CODE\" \"$QMCOOKIE_VIA\" \"$QMCOOKIE_EXPORTS\" > "
                + seen,
            "echo failing on purpose; exit 7",
            Duration.ofSeconds(10),
            log);

    hooks.run(
        "alice",
        new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed via http"),
        "fresh",
        List.of("/srv/a", "/srv/b"));
    hooks.run("alice", new Outcome(Outcome.Kind.TRANSIENT, 4, "", "HTTP 500"), "due", List.of());

    assertThat(seen).hasContent("alice|renewed|0|http|/srv/a\n/srv/b");
    assertThat(out.toString())
        .contains("hook-ran account=alice hook=on-renew exit=0")
        .contains("hook-failed account=alice hook=on-failure exit=7")
        .contains("output=\"failing on purpose\"");
  }

  @Test
  void aHookThatHangsIsStoppedAtItsLimit() {
    StringWriter out = new StringWriter();
    Hooks hooks =
        new Hooks(
            "sleep 30",
            null,
            Duration.ofMillis(300),
            new EventLog(new PrintWriter(out), EventLog.Format.TEXT, CLOCK));
    long start = System.nanoTime();

    hooks.run("alice", new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed"), "fresh", List.of());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(out.toString()).contains("hook-failed").contains("no end within");
  }
}
