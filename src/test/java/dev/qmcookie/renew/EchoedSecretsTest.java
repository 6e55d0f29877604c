package dev.qmcookie.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.SampleCookies;
import dev.qmcookie.cookie.Secrets;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.RenewalAnswers;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that echoes what it was sent in its own words: the words are quoted in messages that
 * reach the terminal, the history, hooks and --notify-url, so the secrets in them are masked.
 */
class EchoedSecretsTest {
  @RegisterExtension final LocalEndpoint endpoint = new LocalEndpoint();
  final MockWebServer server = endpoint.server;
  final OkHttpClient client = endpoint.client;

  @Test
  void theServersWordsQuoteNoSecretOfTheRequestNotEvenTheStartOfOneCutOff() {
    CookieRecord record =
        ShapeRenewalTest.qqRecord(ShapeRenewalTest.withRefreshKey()); // sent by shape B
    String filler = "x".repeat(110);
    server.enqueue(
        RenewalAnswers.json(
            "{\"code\":0,\"req1\":{\"code\":20450,\"errMsg\":\""
                + filler
                + ShapeRenewalTest.KEY
                + "\"}}"));
    server.enqueue(
        RenewalAnswers.json(
            "{\"code\":0,\"req1\":{\"code\":2001,\"errMsg\":\"refresh_key "
                + ShapeRenewalTest.REFRESH_KEY
                + " token REFRESH01 is risky\",\"feedbackURL\":\"https://y.qq.com/v?k="
                + ShapeRenewalTest.KEY
                + "\"}}"));

    String banned = endpoint.renewer(ShapeChoice.AUTO).renew(record).failure().getMessage();
    LoginInvalidException check =
        (LoginInvalidException) endpoint.renewer(ShapeChoice.AUTO).renew(record).failure();

    assertThat(banned)
        .contains(filler + "Q_H_L_6")
        .doesNotContain(ShapeRenewalTest.KEY.substring(0, 10));
    assertThat(check.getMessage())
        .contains(Secrets.mask(ShapeRenewalTest.REFRESH_KEY), Secrets.mask("REFRESH01"))
        .doesNotContain(ShapeRenewalTest.REFRESH_KEY, "REFRESH01", ShapeRenewalTest.KEY);
    assertThat(check.feedbackUrl()).as("a link that carries the key is not quoted").isNull();
  }

  @Test
  void aWebPageInsteadOfAnAnswerIsQuotedWithoutTheSecretsItEchoes() {
    CookieRecord record = ShapeRenewalTest.qqRecord(ShapeRenewalTest.withRefreshKey());
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .addHeader("Content-Type", "text/html")
              .body("<html><title>blocked " + ShapeRenewalTest.KEY + "</title></html>")
              .build());
    }

    String message = endpoint.renewer(ShapeChoice.AUTO).renew(record).failure().getMessage();

    assertThat(message).contains("blocked Q_H_L_6***1").doesNotContain(ShapeRenewalTest.KEY);
  }

  @Test
  void theLiveChecksReasonQuotesNoSecretOfTheCookie() {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/html")
            .body("<html><title>" + SampleCookies.MUSIC_KEY + "</title></html>")
            .build());

    ServerCheck check =
        new LoginCheck(client, server.url("/check"), new HandClock(SampleCookies.NOW))
            .check(SampleCookies.fullRecord());

    assertThat(check.reason())
        .contains(Secrets.mask(SampleCookies.MUSIC_KEY))
        .doesNotContain(SampleCookies.MUSIC_KEY);
  }
}
