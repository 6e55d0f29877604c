package dev.qmcookie.vault;

import static dev.qmcookie.vault.VaultTestSupport.assumePosix;
import static dev.qmcookie.vault.VaultTestSupport.mode;
import static dev.qmcookie.vault.VaultTestSupport.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.SampleCookies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountHistoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final RenewalAttempt FAILED =
      new RenewalAttempt(
          SampleCookies.NOW.minus(Duration.ofMinutes(30)),
          "transient",
          104604,
          2_345,
          3,
          "http",
          "the server says too frequent (104604); try again later");
  private static final RenewalAttempt RENEWED =
      new RenewalAttempt(SampleCookies.NOW, RenewalAttempt.RENEWED, 0, 812, 1, "http", "renewed");

  @TempDir Path tmp;

  private Account account() {
    return new Vault(tmp.resolve("home"), Duration.ofSeconds(5)).account("default");
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  private static void assertLineIs(JsonNode n, RenewalAttempt a) {
    assertThat(n.get("time").asText()).isEqualTo(a.at().toString());
    assertThat(n.get(RenewalAttempt.TIME_KEY).asText()).isEqualTo(a.at().toString());
    assertThat(n.get("account").asText()).isEqualTo("default");
    assertThat(n.get("outcome").asText()).isEqualTo(a.outcome());
    assertThat(n.get("code").isInt()).isTrue();
    assertThat(n.get("code").asInt()).isEqualTo(a.code());
    assertThat(n.get("durationMs").isIntegralNumber()).isTrue();
    assertThat(n.get("durationMs").asLong()).isEqualTo(a.durationMillis());
    assertThat(n.get("tries").asInt()).isEqualTo(a.tries());
    assertThat(n.get("via").asText()).isEqualTo(a.via());
    assertThat(n.get("message").asText()).isEqualTo(a.message());
  }

  @Test
  void eachAttemptAppendsOneJsonLineToTheHistory() throws Exception {
    Account account = account();

    account.recordAttempt(FAILED);
    account.recordAttempt(RENEWED);

    Path history = account.dir().resolve(Account.HISTORY_FILE);
    String text = Files.readString(history);
    assertThat(text).endsWith("\n");
    List<JsonNode> lines = lines(history);
    assertThat(lines).hasSize(2);
    assertLineIs(lines.get(0), FAILED);
    assertLineIs(lines.get(1), RENEWED);
  }

  @Test
  void lastRenewalIsReplacedAndReadBack() throws Exception {
    Account account = account();
    assertThat(account.lastAttempt()).isEmpty();

    account.recordAttempt(FAILED);
    assertThat(account.lastAttempt()).contains(FAILED);

    account.recordAttempt(RENEWED);
    assertThat(account.lastAttempt()).contains(RENEWED);
    List<JsonNode> last = lines(account.dir().resolve(Account.LAST_RENEWAL_FILE));
    assertThat(last).hasSize(1);
    assertLineIs(last.get(0), RENEWED);
  }

  @Test
  void theTimeHasOneKeyWhereverAnAttemptIsWritten() {
    JsonNode written = FAILED.writeTo(JSON.createObjectNode());

    assertThat(RenewalAttempt.TIME_KEY).isEqualTo("at");
    assertThat(written.get("at").asText()).isEqualTo(FAILED.at().toString());
    assertThat(written.has("time")).isFalse();
    assertThat(RenewalAttempt.readFrom(written)).isEqualTo(FAILED);
  }

  @Test
  void aLastRenewalWrittenBeforeTheTimeWasCalledAtIsStillRead() throws Exception {
    Account account = account();
    account.recordAttempt(RENEWED);
    Files.writeString(
        account.dir().resolve(Account.LAST_RENEWAL_FILE),
        "{\"time\":\""
            + FAILED.at()
            + "\",\"account\":\"default\",\"outcome\":\"transient\",\"code\":104604,"
            + "\"durationMs\":2345,\"tries\":3,\"via\":\"http\",\"message\":\""
            + FAILED.message()
            + "\"}\n");

    assertThat(account.lastAttempt()).contains(FAILED);
  }

  @Test
  void aDamagedLastRenewalIsIgnoredRatherThanFatal() throws Exception {
    Account account = account();
    account.recordAttempt(RENEWED);
    Files.writeString(account.dir().resolve(Account.LAST_RENEWAL_FILE), "{\"time\":\"yesterday\"");

    assertThat(account.lastAttempt()).isEmpty();
  }

  @Test
  void recordingAnAttemptLeavesTheCookieUntouchedAndLeaksNoCookieValue() throws Exception {
    Account account = account();
    account.save(SampleCookies.fullRecord());
    byte[] cookie = Files.readAllBytes(account.cookieFile());

    account.recordAttempt(FAILED);
    account.recordAttempt(RENEWED);

    assertThat(Files.readAllBytes(account.cookieFile())).isEqualTo(cookie);
    assertThat(account.dir().resolve(Account.PREVIOUS_FILE)).doesNotExist();
    String history = Files.readString(account.dir().resolve(Account.HISTORY_FILE));
    String last = Files.readString(account.dir().resolve(Account.LAST_RENEWAL_FILE));
    for (Cookie c : SampleCookies.fullRecord().cookies()) {
      if (c.value().length() >= 8) {
        assertThat(history).doesNotContain(c.value());
        assertThat(last).doesNotContain(c.value());
      }
    }
    assertThat(history).doesNotContain(SampleCookies.REFRESH_KEY);
  }

  @Test
  void historyFilesAreOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
    assumePosix();
    Account account = account();

    account.recordAttempt(FAILED);
    account.recordAttempt(RENEWED);

    assertThat(mode(account.dir().resolve(Account.HISTORY_FILE))).isEqualTo("rw-------");
    assertThat(mode(account.dir().resolve(Account.LAST_RENEWAL_FILE))).isEqualTo("rw-------");
    assertThat(mode(account.dir())).isEqualTo("rwx------");
    assertThat(names(account.dir()))
        .containsExactly(Account.HISTORY_FILE, Account.LAST_RENEWAL_FILE);
  }

  @Test
  void aNullMessageReadsBackAsNullOrEmpty() throws Exception {
    Account account = account();
    RenewalAttempt attempt =
        new RenewalAttempt(SampleCookies.NOW, "transient", 0, 5, 1, "http", null);

    account.recordAttempt(attempt);

    assertThat(account.lastAttempt())
        .hasValueSatisfying(a -> assertThat(a.message()).isNullOrEmpty());
  }
}
