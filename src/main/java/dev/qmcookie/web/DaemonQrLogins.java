package dev.qmcookie.web;

import dev.qmcookie.account.LiveCheck;
import dev.qmcookie.account.NewLogin;
import dev.qmcookie.account.StoredLogin;
import dev.qmcookie.browser.UserAgents;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.failure.LoginInvalidException;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.failure.TransientFailureException;
import dev.qmcookie.qrlogin.QrImage;
import dev.qmcookie.qrlogin.QrLogin;
import dev.qmcookie.qrlogin.QrLoginResult;
import dev.qmcookie.renew.Sleeper;
import dev.qmcookie.schedule.EventLog;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The QR logins the daemon runs for its page: at most {@value #RUNNING_LIMIT} at once and one per
 * account, each on its own thread, its states kept for the page to poll. A confirmed login is
 * stored as {@code login --qr} stores it ({@link NewLogin}: the account's lock, the atomic write,
 * the guard against another account's or an older login; a cookie that cannot be read is replaced),
 * then checked with the server; the daemon's watch of the vault picks the change up. Finished flows
 * are forgotten after {@link #KEPT}.
 */
public final class DaemonQrLogins implements QrLogins, AutoCloseable {
  /** How long a code may wait to be scanned and confirmed, as {@code login --qr}'s default. */
  public static final Duration TIMEOUT = Duration.ofMinutes(3);

  /** How long a finished flow's last state stays readable. */
  static final Duration KEPT = Duration.ofMinutes(10);

  /** How many flows may run at once. */
  public static final int RUNNING_LIMIT = 2;

  // Finished flows beyond this are forgotten oldest first, whatever their age: a page that starts
  // flows in a loop cannot grow the map.
  static final int KEPT_LIMIT = 32;

  /** Makes the flow of one login: QQ's or WeChat's. */
  @FunctionalInterface
  public interface Flows {
    QrLogin create(boolean weChat);

    /**
     * The flows over {@code client} (the client for QQ's hosts, with the daemon's route), sending
     * the UA {@code login --qr} sends.
     */
    static Flows overHttp(OkHttpClient client, Clock clock, Sleeper sleeper) {
      return weChat -> QrLogin.overHttp(weChat, client, clock, sleeper, UserAgents.QR_LOGIN);
    }
  }

  /**
   * The daemon's QR logins: QQ's hosts reached through {@code qqClient} (the daemon's route
   * applied), a stored login checked with {@code liveCheck} when the daemon checks (null when not),
   * each state written to {@code log}.
   */
  public static DaemonQrLogins forDaemon(
      Vault vault,
      OkHttpClient qqClient,
      LiveCheck liveCheck,
      Clock clock,
      Sleeper sleeper,
      EventLog log) {
    return new DaemonQrLogins(
        vault,
        Flows.overHttp(qqClient, clock, sleeper),
        new NewLogin(liveCheck == null ? null : liveCheck::run),
        clock,
        TIMEOUT,
        eventLog(log));
  }

  /**
   * Writes each state of a flow to the daemon's event log as a {@code qr-login} line. The flow's id
   * is left out: with a session it reaches the code, and logs travel further than the page.
   */
  public static Consumer<QrLoginView> eventLog(EventLog log) {
    return view ->
        log.log(
            "qr-login",
            view.account(),
            EventLog.fields("kind", view.kind(), "state", view.state(), "message", view.message()));
  }

  private final Vault vault;
  private final Flows flows;
  private final NewLogin newLogin;
  private final Clock clock;
  private final Duration timeout;
  private final Consumer<QrLoginView> changes;
  private final ExecutorService threads;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Flow> byId = new LinkedHashMap<>();

  /**
   * @param newLogin stores a confirmed login and checks it with the server if the daemon checks
   * @param changes told each new state in order, under this object's monitor, for the daemon's
   *     event log: it must be quick; no secret is in a view
   */
  public DaemonQrLogins(
      Vault vault,
      Flows flows,
      NewLogin newLogin,
      Clock clock,
      Duration timeout,
      Consumer<QrLoginView> changes) {
    this.vault = vault;
    this.flows = flows;
    this.newLogin = newLogin;
    this.clock = clock;
    this.timeout = timeout;
    this.changes = changes;
    this.threads =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "qr-login");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * @throws IllegalStateException carrying the running flow's id as its message, when one runs for
   *     this account
   * @throws InvalidInputException when the account name is not allowed
   * @throws TransientFailureException when {@value #RUNNING_LIMIT} logins run already
   */
  @Override
  public String start(String accountName, boolean weChat) {
    Account account = vault.account(accountName);
    Flow flow;
    synchronized (this) {
      forgetOld();
      int running = 0;
      for (Flow f : byId.values()) {
        if (!f.finished()) {
          if (f.account.equals(account.name())) {
            throw new IllegalStateException(f.id);
          }
          running++;
        }
      }
      // Counted here, not by the pool: a flow's thread is still winding down for a moment after
      // the flow has ended, and the person who saw it end may start the next one at once.
      if (running >= RUNNING_LIMIT) {
        throw new TransientFailureException(
            RUNNING_LIMIT + " QR logins are running already; try again once one has ended", 0);
      }
      flow = new Flow(newId(), account.name(), weChat ? "wechat" : "qq");
      try {
        threads.execute(() -> run(flow, account, weChat));
      } catch (RejectedExecutionException closed) {
        throw new TransientFailureException("the daemon is stopping; no login was started", 0);
      }
      byId.put(flow.id, flow);
      // Under the monitor: the flow's first update waits for it, so the changes come in order.
      changes.accept(flow.view());
    }
    return flow.id;
  }

  @Override
  public synchronized Optional<QrLoginView> view(String flowId) {
    forgetOld();
    return Optional.ofNullable(byId.get(flowId)).map(Flow::view);
  }

  @Override
  public synchronized Optional<QrImage> image(String flowId) {
    forgetOld();
    return Optional.ofNullable(byId.get(flowId)).map(Flow::image);
  }

  /** Interrupts the running flows: they end as failed and store nothing. */
  @Override
  public void close() {
    threads.shutdownNow();
  }

  private void run(Flow flow, Account account, boolean weChat) {
    try {
      QrLoginResult result = flows.create(weChat).run(listener(flow), timeout);
      update(flow, "scanned", "confirmed on the phone; storing the login", null);
      StoredLogin stored = StoredLogin.compare(account, result.record().login());
      String refusal = refusal(account, stored);
      if (refusal != null) {
        update(flow, "failed", refusal, null);
        return;
      }
      // A cookie that cannot be read holds no login to protect (it is kept as the previous one);
      // whether it still cannot be read is decided again under the account's lock, with the guard.
      NewLogin.Stored saved =
          newLogin.storeOverUnreadable(account, result.record(), clock.instant());
      update(flow, "done", afterStore(saved), null);
    } catch (LoginInvalidException e) {
      boolean timedOut = e.code() == 0;
      update(
          flow,
          timedOut ? "timeout" : "refused",
          timedOut
              ? "no login was confirmed on the phone within "
                  + timeout.toMinutes()
                  + " minutes; nothing was stored: start again"
              : MessageText.line(e.getMessage()),
          null);
    } catch (InvalidInputException e) {
      // The guard again, under the account's lock: the account changed since the check above.
      update(flow, "failed", "the account changed meanwhile; nothing was stored", null);
    } catch (IOException | RuntimeException e) {
      update(flow, "failed", "the login failed: " + MessageText.line(e.getMessage()), null);
    }
  }

  // Pressing "log in again" on a row means: bring this account back. A newer login of the same uin
  // replaces the lost one, as does any login a cookie that cannot be read; another uin's, or a
  // login older than the stored one, is refused, so a phone picked up by mistake cannot overwrite
  // a working account.
  private static String refusal(Account account, StoredLogin stored) {
    return switch (stored) {
      case OTHER_UIN ->
          "the code was scanned by another account than the one "
              + account.name()
              + " holds; nothing was stored: scan it with that account's app, or log in under a"
              + " new account name";
      case SAME_UIN_OLDER_KEY ->
          "account "
              + account.name()
              + " holds a newer login than this one already; nothing was stored";
      case NONE, SAME_UIN_NOT_OLDER, UNREADABLE -> null;
    };
  }

  private static String afterStore(NewLogin.Stored stored) {
    if (stored.checkFailure() != null) {
      return "logged in; the server could not be asked about the new login yet";
    }
    if (stored.check() == null) {
      return "logged in";
    }
    ServerCheck check = stored.check();
    return switch (check.result()) {
      case ACCEPTED -> "logged in; the server accepts the new login";
      case REFUSED -> "stored, but the server refuses the new login (code " + check.code() + ")";
      case UNKNOWN ->
          "logged in; the server's answer about it was unclear: "
              + MessageText.line(check.reason());
    };
  }

  private QrLogin.Listener listener(Flow flow) {
    return new QrLogin.Listener() {
      @Override
      public void qrCode(QrImage image) {
        update(flow, "waiting", "scan the code with the " + appName(flow) + " app", image);
      }

      @Override
      public void waiting() {
        update(flow, "waiting", "scan the code with the " + appName(flow) + " app", null);
      }

      @Override
      public void scanned() {
        update(flow, "scanned", "scanned: confirm the login on the phone", null);
      }

      @Override
      public void expired() {
        update(flow, "expired", "the code expired; a new one follows", null);
      }
    };
  }

  private static String appName(Flow flow) {
    return flow.kind.equals("wechat") ? "WeChat" : "QQ";
  }

  private synchronized void update(Flow flow, String state, String message, QrImage image) {
    if (image == null && state.equals(flow.state) && message.equals(flow.message)) {
      return; // a new code is shown as waiting already: one log line, not two
    }
    flow.state = state;
    flow.message = message;
    if (image != null) {
      flow.image = image;
      flow.qrVersion++;
    }
    if (flow.finished()) {
      flow.finishedAt = clock.instant();
    }
    changes.accept(flow.view());
  }

  private void forgetOld() {
    Instant limit = clock.instant().minus(KEPT);
    byId.values().removeIf(f -> f.finished() && f.finishedAt.isBefore(limit));
    long finished = byId.values().stream().filter(Flow::finished).count();
    var it = byId.values().iterator();
    while (finished > KEPT_LIMIT && it.hasNext()) {
      if (it.next().finished()) {
        it.remove();
        finished--;
      }
    }
  }

  // 128 random bits: the id alone reaches the flow's code, so it must not be guessable.
  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // Guarded by the DaemonQrLogins' monitor.
  private static final class Flow {
    final String id;
    final String account;
    final String kind;
    String state = "starting";
    String message = "asking for a code";
    int qrVersion;
    QrImage image;
    Instant finishedAt;

    Flow(String id, String account, String kind) {
      this.id = id;
      this.account = account;
      this.kind = kind;
    }

    boolean finished() {
      return switch (state) {
        case "refused", "timeout", "failed", "done" -> true;
        default -> false;
      };
    }

    QrImage image() {
      return image;
    }

    QrLoginView view() {
      return new QrLoginView(id, account, kind, state, message, qrVersion);
    }
  }
}
