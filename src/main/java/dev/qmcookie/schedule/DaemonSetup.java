package dev.qmcookie.schedule;

import com.sun.net.httpserver.HttpHandler;
import dev.qmcookie.account.AccountRenewal;
import dev.qmcookie.account.LiveCheck;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.renew.Sleeper;
import dev.qmcookie.vault.ApiToken;
import dev.qmcookie.vault.ExportAccess;
import dev.qmcookie.vault.ExportFile;
import dev.qmcookie.vault.FilePermissions;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * One run of the daemon put together from the values the command line resolved: the accounts and
 * their renewal, export targets, hooks, notifications and the local endpoint, stopped cleanly by
 * SIGTERM or SIGINT.
 */
public final class DaemonSetup {
  /** The time limit of each try of a notification. */
  public static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(5);

  // What is left of the 5s a supervisor is promised, for alerts still on their way.
  static final Duration NOTIFY_DRAIN_LIMIT = Duration.ofSeconds(2);

  /**
   * What the daemon does.
   *
   * @param account the account of a target without {@code ACCOUNT=}
   * @param notifyUrl where failures are posted, or null
   * @param listen the address of the local endpoint, or null for none
   * @param publicUrl where users reach the page, for the alerts' links; null for no links
   */
  public record Settings(
      Vault vault,
      String account,
      RenewalSchedule schedule,
      List<ExportTarget> targets,
      ExportAccess access,
      Duration jitter,
      String onRenew,
      String onFailure,
      Duration hookTimeout,
      HttpUrl notifyUrl,
      InetSocketAddress listen,
      HttpUrl publicUrl) {
    PageLinks links() {
      return publicUrl == null ? null : new PageLinks(publicUrl);
    }
  }

  /**
   * Builds the page served under {@code /ui/} beside the endpoint, once the daemon it asks to renew
   * and check exists. The page lives above this package, which knows it only as a handler.
   */
  @FunctionalInterface
  public interface PageFactory {
    /**
     * @param token the endpoint's token, which signs a person in to the page too
     */
    HttpHandler page(Vault vault, Daemon daemon, String token) throws IOException;
  }

  private DaemonSetup() {}

  /** Opens the daemon's vault with its shared store, if one is configured. */
  @FunctionalInterface
  public interface VaultOpener {
    /**
     * @throws dev.qmcookie.failure.TransientFailureException with {@link
     *     dev.qmcookie.failure.Verdict#STORE_UNREACHABLE} when the store cannot be reached now
     */
    Vault open() throws IOException;
  }

  /**
   * Opens the vault, waiting for a shared store that cannot be reached: a daemon started during an
   * outage (a reboot, Redis restarting) starts once the store answers rather than exit, and alerts
   * after 10 minutes through {@code onFailure} and {@code notifyUrl} as a running daemon would. A
   * failure waiting cannot fix, such as a wrong key, is thrown at once.
   *
   * @param notifyClient the client for notifications; used only with a notify URL
   */
  public static Vault openVault(
      VaultOpener opener,
      String onFailure,
      Duration hookTimeout,
      HttpUrl notifyUrl,
      OkHttpClient notifyClient,
      EventLog log,
      Clock clock,
      Sleeper sleeper)
      throws IOException, InterruptedException {
    Notifier notifier =
        notifyUrl == null
            ? null
            : new Notifier(notifyClient, notifyUrl, Notifier.BACKOFF, sleeper, log, clock);
    try {
      return new StoreOpening(
              log, new Hooks(null, onFailure, hookTimeout, log), notifier, clock, sleeper)
          .open(opener);
    } finally {
      if (notifier != null) {
        notifier.drain(NOTIFY_DRAIN_LIMIT);
        notifier.close();
      }
    }
  }

  /**
   * Refuses a target whose path holds no account name and is a device or FIFO, before the daemon
   * starts.
   */
  public static void checkFixedTargets(List<ExportTarget> targets) throws IOException {
    for (ExportTarget target : targets) {
      if (!target.path().contains(ExportTarget.PLACEHOLDER)) {
        ExportFile.check(Path.of(target.path()));
      }
    }
  }

  /** Creates the home the targets' files are written from, and checks their group may be used. */
  public static void prepareHome(Vault vault, List<ExportTarget> targets, ExportAccess access)
      throws IOException {
    if (!targets.isEmpty()) {
      if (!Files.isDirectory(vault.home())) {
        FilePermissions.createPrivateDirectory(vault.home());
      }
      access.requireGroupAllowed(vault.home());
    }
  }

  /**
   * Runs the daemon until it is stopped, then closes the endpoint, sends the alerts still on their
   * way (for a little while) and shuts {@code client} down.
   *
   * @param liveCheck asks the server whether a stored cookie still works; null turns the checks off
   * @param notifyClient the client for notifications; used only with a notify URL
   * @param flush makes the output written so far visible, before a stop lets the process exit
   */
  public static void run(
      Settings settings,
      AccountRenewal renewal,
      LiveCheck liveCheck,
      OkHttpClient client,
      OkHttpClient notifyClient,
      EventLog log,
      Clock clock,
      Sleeper sleeper,
      Runnable flush)
      throws Exception {
    run(settings, renewal, liveCheck, client, notifyClient, log, clock, sleeper, flush, null);
  }

  /**
   * Like {@link #run(Settings, AccountRenewal, LiveCheck, OkHttpClient, OkHttpClient, EventLog,
   * Clock, Sleeper, Runnable)}, with the page under {@code /ui/} of the endpoint.
   *
   * @param page builds the page; null for none. Served only when the endpoint is on.
   */
  public static void run(
      Settings settings,
      AccountRenewal renewal,
      LiveCheck liveCheck,
      OkHttpClient client,
      OkHttpClient notifyClient,
      EventLog log,
      Clock clock,
      Sleeper sleeper,
      Runnable flush,
      PageFactory page)
      throws Exception {
    Notifier notifier =
        settings.notifyUrl() == null
            ? null
            : new Notifier(
                notifyClient,
                settings.notifyUrl(),
                Notifier.BACKOFF,
                sleeper,
                log,
                clock,
                settings.links());
    DaemonAccounts accounts =
        new DaemonAccounts(
            settings.vault(), settings.schedule(), renewal, clock, settings.access());
    Daemon daemon =
        new Daemon(
            liveCheck == null ? accounts : accounts.checkingWith(liveCheck),
            new Planner(settings.jitter(), new SecureRandom()),
            settings.targets(),
            settings.account(),
            new Hooks(
                settings.onRenew(),
                settings.onFailure(),
                settings.hookTimeout(),
                log,
                settings.links()),
            notifier,
            log,
            clock);
    // TERM and INT ask the loop to stop; it finishes the account in hand and run() returns, so
    // the process exits 0 instead of dying mid-write.
    try (SignalStop signals = SignalStop.install(daemon::stop)) {
      Listening api =
          settings.listen() == null ? null : startApi(settings, log, clock, daemon, page);
      try {
        daemon.run();
      } finally {
        if (api != null) {
          api.close();
        }
        if (notifier != null) {
          notifier.drain(NOTIFY_DRAIN_LIMIT);
          notifier.close();
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
      flush.run();
      signals.finished(0);
    }
  }

  // Where a person opens the page: the public URL's, else the listener's own.
  private static String pageAddress(Settings settings, InetSocketAddress bound) {
    PageLinks links = settings.links();
    if (links != null) {
      return links.page();
    }
    String host = bound.getHostString();
    return "http://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + bound.getPort()
        + ApiServer.PAGE_PREFIX;
  }

  /** The endpoint and its page, closed in that order: no request reaches a closed page. */
  private record Listening(ApiServer api, HttpHandler page) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      api.close();
      // The page may run work of its own (the QR logins): it ends that when it is closeable.
      if (page instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  private static Listening startApi(
      Settings settings, EventLog log, Clock clock, Daemon daemon, PageFactory page)
      throws Exception {
    Vault vault = settings.vault();
    InetSocketAddress address = settings.listen();
    HttpServerLimits.applyUnlessSet();
    String token = ApiToken.of(vault);
    HttpHandler handler = page == null ? null : page.page(vault, daemon, token);
    ApiServer api;
    try {
      api =
          new ApiServer(
              address,
              token,
              new AccountsApi(vault, settings.schedule(), clock),
              ApiServer.EXCHANGE_TIME_LIMIT,
              handler);
    } catch (BindException e) {
      if (handler instanceof AutoCloseable closeable) {
        closeable.close();
      }
      throw ListenFailure.of(address, e);
    }
    InetSocketAddress bound = api.address();
    log.log(
        "listening",
        null,
        EventLog.fields(
            "address",
            bound.getHostString() + ":" + bound.getPort(),
            "token",
            vault.apiTokenFile().toAbsolutePath(),
            "page",
            page == null ? null : pageAddress(settings, bound)));
    if (!bound.getAddress().isLoopbackAddress()) {
      log.log(
          "note",
          null,
          EventLog.fields(
              "message",
              "the endpoint is reachable from other machines; the token is all that guards the cookies"));
    }
    return new Listening(api, handler);
  }
}
