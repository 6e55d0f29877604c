package dev.qmcookie.bench;

import dev.qmcookie.cli.CliContext;
import dev.qmcookie.cli.Main;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieMetadata;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.renew.Sleeper;
import dev.qmcookie.vault.Vault;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Times one {@code renew --all --force} over many accounts against a local fake endpoint, and
 * prints the figures. Run it with {@code docs/bench.sh renew-all [ACCOUNTS]}; see {@code
 * docs/benchmarks.md}.
 */
public final class RenewAllBenchmark {
  private static final Pattern UIN = Pattern.compile("(?:^|; )uin=(\\d+)");

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path home = Files.createTempDirectory("qmcookie-bench-");
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new EchoRenewal());
      server.start(InetAddress.getLoopbackAddress(), 0);
      Instant created = Instant.now().minus(Duration.ofHours(21));
      System.out.printf(
          "renew --all --force over %d accounts, %d rounds, endpoint %s%n",
          accounts, rounds, server.url("/"));
      for (int round = 1; round <= rounds; round++) {
        seed(home, accounts, created);
        StringWriter out = new StringWriter();
        long start = System.nanoTime();
        int code =
            Main.run(
                context(home, out),
                "renew",
                "--all",
                "--force",
                "--endpoint",
                server.url("/cgi-bin/musicu.fcg").toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        long renewed = out.toString().lines().filter(l -> l.contains(": renewed via http")).count();
        System.out.printf(
            "round %d: exit %d, %d renewed in %.2f s (%.1f ms per account)%n",
            round, code, renewed, seconds, seconds * 1000 / accounts);
      }
      System.out.printf("requests served: %d%n", server.getRequestCount());
    }
  }

  static void seed(Path home, int accounts, Instant created) throws Exception {
    Vault vault = new Vault(home, Duration.ofSeconds(30));
    for (int i = 0; i < accounts; i++) {
      String uin = Long.toString(100_000_000L + i);
      String header =
          "uin="
              + uin
              + "; qqmusic_key=Q_H_L_benchKEY"
              + i
              + "; qm_keyst=Q_H_L_benchKEY"
              + i
              + "; psrf_musickey_createtime="
              + created.getEpochSecond()
              + "; psrf_qqrefresh_token=R"
              + i
              + "; psrf_qqaccess_token=A"
              + i
              + "; psrf_qqopenid=O"
              + i
              + "; psrf_qqunionid=U"
              + i
              + "; tmeLoginType=2; login_type=1";
      CookieRecord parsed = CookieFormats.read(header).record();
      vault
          .account("a" + i)
          .save(
              new CookieRecord(parsed.cookies(), CookieMetadata.NONE.withImport(created, "bench")));
    }
  }

  static CliContext context(Path home, Writer out) {
    return new CliContext(
        new ByteArrayInputStream(new byte[0]),
        new PrintWriter(out, true),
        new PrintWriter(System.err, true),
        Map.of("QMCOOKIE_HOME", home.toString()),
        Clock.systemUTC(),
        ZoneOffset.UTC,
        Sleeper.REAL,
        null);
  }

  /** Answers every renewal with a new key for the account that asked, as the real one does. */
  static final class EchoRenewal extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      Matcher m = UIN.matcher(String.valueOf(request.getHeaders().get("Cookie")));
      String uin = m.find() ? m.group(1) : "0";
      long now = System.currentTimeMillis() / 1000;
      return new MockResponse.Builder()
          .setHeader("Content-Type", "application/json")
          .body(
              "{\"code\":0,\"req1\":{\"code\":0,\"data\":{\"musicid\":"
                  + uin
                  + ",\"str_musicid\":\""
                  + uin
                  + "\",\"musickey\":\"Q_H_L_renewed"
                  + now
                  + uin
                  + "\",\"musickeyCreateTime\":"
                  + now
                  + ",\"keyExpiresIn\":259200}}}")
          .build();
    }
  }
}
