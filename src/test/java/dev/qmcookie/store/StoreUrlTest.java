package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreUrlTest {
  @Test
  void readsEveryPartAndDescribesItWithoutThePassword() {
    StoreUrl url = StoreUrl.parse("rediss://fleet:p%40ss:word@redis.example:6380/3");

    assertThat(url).isEqualTo(new StoreUrl(true, "fleet", "p@ss:word", "redis.example", 6380, 3));
    assertThat(url.toString()).isEqualTo("rediss://fleet@redis.example:6380/3");
  }

  @Test
  void thePortAndDatabaseDefaultAndAPasswordNeedsNoUser() {
    StoreUrl url = StoreUrl.parse("redis://:secret@10.0.0.5");

    assertThat(url).isEqualTo(new StoreUrl(false, null, "secret", "10.0.0.5", 6379, 0));
    assertThat(url.toString()).isEqualTo("redis://10.0.0.5:6379/0");
  }

  @Test
  void aLoneUserInfoIsShownMaskedAsItMayBeAPassword() {
    StoreUrl url = StoreUrl.parse("redis://s3cretPass@10.0.0.5:6379/2");

    assertThat(url.toString()).isEqualTo("redis://***@10.0.0.5:6379/2");
  }

  @Test
  void anIpv6HostIsTakenWithoutItsBrackets() {
    StoreUrl url = StoreUrl.parse("redis://[::1]:7000/1");

    assertThat(url.host()).isEqualTo("::1");
    assertThat(url.toString()).isEqualTo("redis://[::1]:7000/1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://user:hunter2@host:6379/0",
        "redis://user:hunter2@/0",
        "redis://user:hunter2@host:6379/zero",
        "redis://user:hunter2@host:6379/0?ssl=false",
        "redis://user:hunter2@host:6379/0/1",
        "unix:///var/run/redis.sock",
        "host:6379",
        " "
      })
  void anythingElseIsRefusedNamingTheAcceptedFormsNeverThePassword(String text) {
    assertThatThrownBy(() -> StoreUrl.parse(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("use redis://[user:password@]host:port/db, or rediss://")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aPasswordMayHoldASlashOrAnAtUnescaped() {
    assertThat(StoreUrl.parse("redis://u:ab/cd@h:6379/0"))
        .isEqualTo(new StoreUrl(false, "u", "ab/cd", "h", 6379, 0));
    assertThat(StoreUrl.parse("redis://:p@ss@h"))
        .isEqualTo(new StoreUrl(false, null, "p@ss", "h", 6379, 0));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "redis://:p@ss@h",
        "redis://u:ab/cd@h:6379/0",
        "redis://u:ab/cd@h:6379/zero",
        "redis://u:a%zz@h:6379/0",
        "http://u:p@ss@h:6379/0",
        "u:p@ss@h:6379"
      })
  void describingMasksEverythingUpToTheLastAt(String text) {
    assertThat(StoreUrl.describe(text))
        .endsWith("***@h" + text.substring(text.lastIndexOf("@h") + 2))
        .doesNotContain("ss")
        .doesNotContain("ab/cd");
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis://u:ab/cd@h:6379/zero", "redis://u:a%zz/cd@h:6379/0"})
  void aRefusedUrlWithSuchAPasswordDoesNotRepeatIt(String text) {
    assertThatThrownBy(() -> StoreUrl.parse(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("***@h:6379/")
        .hasMessageNotContaining("cd@");
  }
}
