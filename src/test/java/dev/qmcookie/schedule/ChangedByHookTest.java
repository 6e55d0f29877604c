package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code QMCOOKIE_CHANGED_BY} tells an {@code --on-renew} hook whether the daemon renewed or
 * another process stored the cookie; a failure hook, where nothing changed, is not given it.
 */
class ChangedByHookTest {
  @Test
  void theRenewHookIsToldWhoChangedTheCookie(@TempDir Path tmp) throws Exception {
    Path seen = tmp.resolve("seen");
    Hooks hooks =
        new Hooks(
            "echo \"renew ${QMCOOKIE_CHANGED_BY-unset} $QMCOOKIE_OUTCOME\" >> " + seen,
            "echo \"failure ${QMCOOKIE_CHANGED_BY-unset} $QMCOOKIE_OUTCOME\" >> " + seen,
            Duration.ofSeconds(10),
            new EventLog(
                new PrintWriter(new StringWriter()), EventLog.Format.TEXT, HandOverTest.CLOCK));
    Outcome renewed = new Outcome(Outcome.Kind.RENEWED, 0, "http", "renewed via http");

    hooks.run("alice", renewed, "fresh", List.of());
    hooks.run("alice", renewed, "fresh", List.of(), Hooks.ChangedBy.OTHER);
    hooks.run("alice", new Outcome(Outcome.Kind.TRANSIENT, 4, "", "HTTP 500"), "due", List.of());

    assertThat(Files.readAllLines(seen))
        .containsExactly("renew daemon renewed", "renew other renewed", "failure unset transient");
  }
}
