package dev.qmcookie.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.renew.Backoff;
import dev.qmcookie.renew.Sleeper;
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
 * {@code --notify-url}: POSTs a JSON event to a chat bot or an alerting system when a renewal fails
 * or a login is lost. Sent from a background thread with a few retries, so a slow receiver never
 * delays a renewal; what cannot be delivered is logged.
 */
public final class Notifier implements AutoCloseable {
  /** 3 tries, waiting 2 s then 4 s: with 5 s per try, an alert is given up within about 21 s. */
  public static final Backoff BACKOFF =
      new Backoff(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(4), 3);

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final HttpUrl url;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final EventLog log;
  private final Clock clock;
  private final PageLinks links;
  // One sender, and a short queue: alerts are rare, and a flood should not pile up in memory.
  private final ThreadPoolExecutor sender =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(32),
          r -> {
            Thread t = new Thread(r, "notify");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.DiscardOldestPolicy());

  /**
   * @param client carries the time limit of each try
   * @param backoff the tries of one event and the pauses between them
   * @param sleeper waits those pauses, on the sender's thread
   */
  public Notifier(
      OkHttpClient client,
      HttpUrl url,
      Backoff backoff,
      Sleeper sleeper,
      EventLog log,
      Clock clock) {
    this(client, url, backoff, sleeper, log, clock, null);
  }

  /**
   * @param links where the page shows an account, sent as the event's {@code url}; null without a
   *     public URL, and the event has no {@code url} then
   */
  public Notifier(
      OkHttpClient client,
      HttpUrl url,
      Backoff backoff,
      Sleeper sleeper,
      EventLog log,
      Clock clock,
      PageLinks links) {
    this.links = links;
    this.client = client;
    this.url = url;
    this.backoff = backoff;
    this.sleeper = sleeper;
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
    if (links != null) {
      body.put("url", links.account(account));
    }
    sender.execute(() -> deliver(body, account));
  }

  private void deliver(ObjectNode body, String account) {
    String last = "";
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      Request request =
          new Request.Builder()
              .url(url)
              .post(RequestBody.create(JsonTrees.compact(body), JSON))
              .build();
      try (Response response = client.newCall(request).execute()) {
        if (response.isSuccessful()) {
          log.log(
              "notified",
              account,
              EventLog.fields("event", body.path("event").asText(), "status", response.code()));
          return;
        }
        last = "HTTP " + response.code();
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      if (backoff.allowsAnotherAfter(attempt)) {
        try {
          sleeper.sleep(backoff.pauseAfter(attempt));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    log.log(
        "notify-failed",
        account,
        EventLog.fields(
            "event", body.path("event").asText(), "tries", backoff.attempts(), "message", last));
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
