package dev.qmcookie.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.JsonTrees;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code --notify-url}: POSTs a JSON event to a chat bot or an alerting system when a renewal
 * fails or a login is lost. Sent from a background thread with a few retries, so a slow receiver
 * never delays a renewal; what cannot be delivered is logged.
 */
public final class Notifier implements AutoCloseable {
  static final int TRIES = 3;
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final HttpUrl url;
  private final Duration firstPause;
  private final EventLog log;
  private final Clock clock;
  // One sender, and a short queue: alerts are rare, and a flood should not pile up in memory.
  private final ThreadPoolExecutor sender =
      new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32), r -> {
        Thread t = new Thread(r, "notify");
        t.setDaemon(true);
        return t;
      }, new ThreadPoolExecutor.DiscardOldestPolicy());

  /**
   * @param client carries the time limit of each try
   * @param firstPause the wait after the first failed try; it doubles after each next one
   */
  public Notifier(OkHttpClient client, HttpUrl url, Duration firstPause, EventLog log, Clock clock) {
    this.client = client;
    this.url = url;
    this.firstPause = firstPause;
    this.log = log;
    this.clock = clock;
  }

  /** Queues one event; returns at once. */
  public void send(String event, String account, String state, int code, String message) {
    ObjectNode body = JsonTrees.object();
    body.put("event", event);
    body.put("account", account);
    body.put("state", state);
    body.put("code", code);
    body.put("message", message);
    body.put("time", clock.instant().toString());
    body.put("source", "qmcookie");
    sender.execute(() -> deliver(body, account));
  }

  private void deliver(ObjectNode body, String account) {
    String last = "";
    Duration pause = firstPause;
    for (int attempt = 1; attempt <= TRIES; attempt++) {
      Request request = new Request.Builder().url(url).post(RequestBody.create(JsonTrees.compact(body), JSON)).build();
      try (Response response = client.newCall(request).execute()) {
        if (response.isSuccessful()) {
          log.log("notified", account, EventLog.fields("event", body.path("event").asText(), "status", response.code()));
          return;
        }
        last = "HTTP " + response.code();
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (attempt < TRIES) {
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        pause = pause.multipliedBy(2);
      }
    }
    log.log("notify-failed", account, EventLog.fields("event", body.path("event").asText(), "tries", TRIES, "message", last));
  }



  /** Waits up to {@code limit} for queued events to go out. */
  public void drain(Duration limit) throws InterruptedException {
    sender.shutdown();
    sender.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    sender.shutdownNow();
  }
}
