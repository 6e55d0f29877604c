package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.testkit.RenewalAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renewal answer over 1 MiB is a passing server fault: refused unread, the cookie kept. */
class RenewAnswerSizeTest {
  static final long ONE_MIB = 1024 * 1024;

  @TempDir Path home;

  CliRunner.Result renewAgainst(Supplier<MockResponse> answer) throws IOException {
    CliRunner cli = new CliRunner(home);
    cli.importCookie("default", QqLogin.header(Duration.ofHours(21)));
    byte[] before = cli.storedBytes("default");
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return answer.get();
            }
          });
      server.start(InetAddress.getLoopbackAddress(), 0);
      CliRunner.Result result =
          cli.run(
              "renew",
              "--endpoint",
              server.url("/cgi-bin/musicu.fcg").toString(),
              "--timeout",
              "5s");
      if (result.code() != 0) {
        assertThat(cli.storedBytes("default")).as("the stored cookie is kept").isEqualTo(before);
      }
      return result;
    }
  }

  static void assertRefusedAsTooLarge(CliRunner.Result result) {
    assertThat(result.code()).as(result.toString()).isEqualTo(ExitCodes.TRANSIENT);
    assertThat(result.err().lines().filter(l -> l.startsWith("qmcookie: ")).toList())
        .as(result.toString())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("answer")
        .contains("over the 1 MiB an answer may have")
        .contains("try again later");
    assertThat(result.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void anEndlessAnswerWithoutLengthIsCutOffJustPastTheLimit() throws Exception {
    AtomicLong sent = new AtomicLong();
    CliRunner.Result result =
        renewAgainst(
            () ->
                new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .body(
                        new MockResponseBody() {
                          @Override
                          public long getContentLength() {
                            return -1;
                          }

                          @Override
                          public void writeTo(BufferedSink sink) throws IOException {
                            byte[] spaces = " ".repeat(64 * 1024).getBytes();
                            sink.writeUtf8("{\"code\":0,\"req1\":");
                            // 256 MiB: if the client read it whole, this test would take long and
                            // might not fit.
                            for (int i = 0; i < 4096; i++) {
                              sink.write(spaces);
                              sent.addAndGet(spaces.length);
                            }
                            sink.flush();
                          }
                        })
                    .build());

    assertRefusedAsTooLarge(result);
    assertThat(sent.get())
        .as("bytes the server got out before the client hung up")
        .isLessThan(64 * ONE_MIB);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeReading() throws Exception {
    // The length promises 3 GB; only a little comes. Waiting for the rest would end in a timeout.
    long started = System.nanoTime();
    CliRunner.Result result =
        renewAgainst(
            () ->
                new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .body("{\"code\":0}")
                    .setHeader("Content-Length", "3000000000")
                    .build());

    assertRefusedAsTooLarge(result);
    assertThat(result.err()).contains("3000000000 bytes");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aChunkedAnswerJustOverTheLimitIsRefusedAndOneJustUnderIsRead() throws Exception {
    String over = "{\"code\":0,\"pad\":\"" + "x".repeat((int) ONE_MIB) + "\"}";
    assertRefusedAsTooLarge(
        renewAgainst(
            () ->
                new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .chunkedBody(over, 8192)
                    .build()));

    String good =
        RenewalAnswers.successJson(
            QqLogin.UIN, RenewCommandTest.NEW_KEY, QqLogin.NOW.minusSeconds(5));
    String under = " ".repeat((int) ONE_MIB - good.length()) + good;
    CliRunner.Result result =
        renewAgainst(
            () ->
                new MockResponse.Builder()
                    .code(200)
                    .setHeader("Content-Type", "application/json")
                    .chunkedBody(under, 8192)
                    .build());
    assertThat(result.code()).as(result.toString()).isZero();
  }
}
