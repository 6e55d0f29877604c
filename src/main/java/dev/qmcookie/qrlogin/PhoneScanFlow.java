package dev.qmcookie.qrlogin;

import dev.qmcookie.renew.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * What the QQ and the WeChat flows share: one client and one User-Agent for every request, so the
 * server sees one device, and one wait on the injected clock.
 */
abstract class PhoneScanFlow implements QrLogin {
  final OkHttpClient client;
  final Clock clock;
  final Sleeper sleeper;
  final String userAgent;

  PhoneScanFlow(OkHttpClient client, Clock clock, Sleeper sleeper, String userAgent) {
    this.client = Objects.requireNonNull(client);
    this.clock = Objects.requireNonNull(clock);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.userAgent = Objects.requireNonNull(userAgent);
  }

  @Override
  public final QrLoginResult run(Listener listener, Duration timeout) {
    return run(listener, new QrWait(clock, sleeper, timeout), new FlowSession(client, userAgent));
  }

  abstract QrLoginResult run(Listener listener, QrWait wait, FlowSession session);
}
