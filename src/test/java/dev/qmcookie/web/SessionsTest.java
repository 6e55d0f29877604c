package dev.qmcookie.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.HandClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {
  final HandClock clock = new HandClock(Instant.parse("2026-11-24T12:00:00Z"));
  final Sessions sessions = new Sessions(new SecureRandom(), clock);

  @Test
  void aNewSessionPastTheMostDropsTheOldest() {
    List<Sessions.Session> opened = new ArrayList<>();
    for (int i = 0; i <= Sessions.MOST; i++) {
      opened.add(sessions.open());
    }
    assertThat(sessions.find(opened.get(0).id())).isEmpty();
    assertThat(sessions.find(opened.get(1).id())).isPresent();
    assertThat(sessions.find(opened.get(Sessions.MOST).id())).isPresent();
  }

  @Test
  void idsAndCsrfTokensAre256RandomBitsEach() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      Sessions.Session s = sessions.open();
      assertThat(s.id()).matches("[A-Za-z0-9_-]{43}");
      assertThat(seen.add(s.id())).isTrue();
      assertThat(seen.add(s.csrf())).isTrue();
      assertThat(s.toString()).doesNotContain(s.id()).doesNotContain(s.csrf());
    }
  }

  @Test
  void aSessionEndsAfter12HoursOrWhenClosed() {
    Sessions.Session a = sessions.open();
    Sessions.Session b = sessions.open();
    sessions.close(b.id());
    assertThat(sessions.find(b.id())).isEmpty();
    clock.advance(Duration.ofHours(12).minusSeconds(1));
    assertThat(sessions.find(a.id())).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.find(a.id())).isEmpty();
  }
}
