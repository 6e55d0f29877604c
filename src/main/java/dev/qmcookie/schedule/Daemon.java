package dev.qmcookie.schedule;

import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.ExitStatus;
import dev.qmcookie.failure.FailureText;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.vault.Account;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The long-running renewal loop. It sleeps until the next account is due, or until the home changes
 * (an import, a login, another renewer), or a shared store says an account changed; it polls only a
 * shared store, whose messages can be missed. Accounts are renewed one at a time on this thread, so
 * a stop request lets the current write finish.
 */
public final class Daemon {
  private static final String CHANGED = "changed";
  private static final String STOP = "stop";
  private static final String STORE_OLDER = "store-older";
  private static final String REQUESTED = "requested";
  // A burst of file events (a save writes several files) is read as one change. Short enough that
  // a store's message reaches every host's exports within 2 s.
  private static final Duration SETTLE = Duration.ofMillis(200);

  /**
   * How often the accounts of a shared store are read again, besides its messages: a host that
   * missed some while its connection was down catches up, and an outage of the store is noticed.
   */
  static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final Vaults vaults;
  private final List<ExportTarget> targets;
  private final String defaultAccount;
  private final Hooks hooks;
  private final Notifier notifier;
  private final EventLog log;
  private final Clock clock;
  private final LinkedBlockingQueue<String> signals = new LinkedBlockingQueue<>();
  private final Timetable timetable;
  private final Duration catchUp;
  private final StoreOutage outage;
  // The store's words at its last fault, for an alert that the time alone brings.
  private String lastStoreFault = "";
  // The store's feed, once following it has worked; retried at each read until then.
  private AutoCloseable feed;
  // Whether the accounts have been read once: until then every account is new, not changed.
  private boolean readOnce;
  // The login each account's exports were last given (its key time and when it was stored). Kept
  // when the account leaves the store, as a store restarted empty and pushed again, or one whose
  // append-only file lost its last second, goes back to an older login: exporting that would hand
  // a retired key over.
  private final Map<String, AccountView> handedOver = new HashMap<>();
  // The older key time last alerted per account, so that one rollback is alerted once.
  private final Map<String, Instant> olderAlerted = new HashMap<>();
  // What the page asked for, served in order on the loop's thread; a request already waiting is
  // not queued twice, so pressing a button again and again queues one turn.
  private final Set<Request> requests = new LinkedHashSet<>();

  /** What a person may ask the loop to do now, besides its own turns. */
  public enum Action {
    /** Renew the account now, due or not, as {@code qmcookie renew --force} would. */
    RENEW,
    /** Ask the server whether the stored cookie is still logged in. */
    CHECK;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private record Request(Action action, String account) {}

  public Daemon(
      Vaults vaults,
      Planner planner,
      List<ExportTarget> targets,
      String defaultAccount,
      Hooks hooks,
      Notifier notifier,
      EventLog log,
      Clock clock) {
    this(vaults, planner, targets, defaultAccount, hooks, notifier, log, clock, CATCH_UP);
  }

  /**
   * @param catchUp how often the accounts of a shared store are read again
   */
  Daemon(
      Vaults vaults,
      Planner planner,
      List<ExportTarget> targets,
      String defaultAccount,
      Hooks hooks,
      Notifier notifier,
      EventLog log,
      Clock clock,
      Duration catchUp) {
    this.catchUp = catchUp;
    this.outage = new StoreOutage(clock);
    this.vaults = vaults;
    this.timetable = new Timetable(planner, clock, vaults.checks());
    this.targets = List.copyOf(targets);
    this.defaultAccount = defaultAccount;
    this.hooks = hooks;
    this.notifier = notifier;
    this.log = log;
    this.clock = clock;
  }

  /** Asks the loop to stop after the current account; returns at once. */
  public void stop() {
    signals.add(STOP);
  }

  /**
   * Queues a renewal or a live check of the account; returns at once. The loop serves it between
   * its own turns, on its own thread, with the same outcome handling, events, hooks and alerts as a
   * due turn of its own.
   */
  public void request(Action action, String account) {
    synchronized (requests) {
      if (!requests.add(new Request(action, account))) {
        return;
      }
    }
    signals.add(REQUESTED);
  }

  /** Runs until {@link #stop()}. */
  public void run() throws IOException {
    Thread catchingUp = null;
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      Files.createDirectories(vaults.home());
      Thread watching = new Thread(() -> forwardChanges(watcher), "home-watcher");
      watching.setDaemon(true);
      watching.start();
      log.log(
          "started",
          null,
          EventLog.fields(
              "home",
              vaults.home().toAbsolutePath(),
              "exports",
              targets.size(),
              "store",
              vaults.storeName()));
      if (vaults.shared()) {
        catchingUp = new Thread(this::catchUp, "store-catch-up");
        catchingUp.setDaemon(true);
        catchingUp.start();
      }
      refresh(watcher);
      while (true) {
        Duration wait = timetable.untilNextTurn();
        // A turn that is due does not wait, but a stop asked for meanwhile comes first: after a
        // suspend every turn may be past, and a stop must not wait for all of them. Changes wait
        // until the due turns are done, since each of the daemon's own saves is one, and reading
        // every account after each renewal made a run of overdue accounts quadratic.
        String signal;
        if (wait.isNegative() || wait.isZero()) {
          signal = signals.remove(STOP) ? STOP : null;
        } else {
          signal = signals.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (STOP.equals(signal)) {
          break;
        }
        if (CHANGED.equals(signal)) {
          Thread.sleep(SETTLE.toMillis());
          signals.removeIf(CHANGED::equals);
          refresh(watcher);
          continue;
        }
        if (REQUESTED.equals(signal)) {
          serveRequests();
          continue;
        }
        Optional<String> due = timetable.due();
        if (due.isPresent()) {
          attempt(due.get());
        } else {
          timetable.dueCheck().ifPresent(this::check);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (catchingUp != null) {
        catchingUp.interrupt();
      }
      unfollow();
      log.log("stopped", null, Map.of());
    }
  }

  private void serveRequests() {
    while (true) {
      Request next;
      synchronized (requests) {
        var first = requests.iterator();
        if (!first.hasNext()) {
          return;
        }
        next = first.next();
        first.remove();
      }
      String name = next.account();
      if (!timetable.known(name)) {
        // Asked for before the loop read it (a login stored a moment ago): its own first read
        // plans it, and checks it when checks are on.
        log.log(
            "skipped",
            name,
            EventLog.fields("message", "not read yet; " + next.action().id() + " not done"));
        continue;
      }
      log.log("requested", name, EventLog.fields("action", next.action().id()));
      switch (next.action()) {
        case RENEW -> react(name, vaults.renewNow(name));
        case CHECK -> {
          if (vaults.checks()) {
            check(name);
          } else {
            log.log("skipped", name, EventLog.fields("message", "live checks are off"));
          }
        }
      }
    }
  }

  // Follows the store before reading it, so that no change falls between the read and the feed.
  // A store that cannot be reached yet is followed at a later read.
  private void follow() {
    if (feed != null || !vaults.shared()) {
      return;
    }
    try {
      feed = vaults.follow(() -> signals.add(CHANGED));
    } catch (Exception e) {
      if (!Verdict.STORE_UNREACHABLE.explains(e)) {
        log.log(
            "error",
            null,
            EventLog.fields("message", "cannot follow the store: " + FailureText.describe(e)));
      }
    }
  }

  private void unfollow() {
    if (feed != null) {
      try {
        feed.close();
      } catch (Exception e) {
        // The process is stopping; the store drops a subscriber that went away.
      }
      feed = null;
    }
  }

  private void catchUp() {
    try {
      while (true) {
        Thread.sleep(catchUp.toMillis());
        signals.add(CHANGED);
      }
    } catch (InterruptedException e) {
      // The daemon is stopping.
    }
  }

  // Re-reads every account: new ones are scheduled, removed ones forgotten, and one whose cookie
  // someone else changed starts afresh (its failures and alert are history). After the first read,
  // a cookie that appears or changes was stored by another process or host: its exports are
  // rewritten and --on-renew runs, as the consumers behind them need the same care as after our
  // own renewals. A store that does not answer changes nothing: every export keeps its cookie.
  private void refresh(WatchService watcher) {
    follow();
    List<String> names;
    try {
      names = vaults.accounts();
      watch(watcher, vaults.home());
      for (String name : names) {
        watch(watcher, vaults.home().resolve(name));
      }
    } catch (Exception e) {
      if (Verdict.STORE_UNREACHABLE.explains(e)) {
        storeFault(StoreOutage.Operation.READ, storeMessage(e), "cannot read the store: ");
      } else {
        log.log(
            "error", null, EventLog.fields("message", "cannot read the home: " + e.getMessage()));
      }
      return;
    }
    readsAnswered();
    boolean starting = !readOnce;
    readOnce = true;
    for (String gone : timetable.keepOnly(names)) {
      log.log("removed", gone, Map.of());
    }
    for (String name : names) {
      try {
        if (timetable.knows(name, vaults.fingerprint(name))) {
          continue;
        }
        AccountView view = vaults.view(name);
        Timetable.Seen seen = timetable.see(view);
        if (seen == Timetable.Seen.SAME) {
          continue;
        }
        if (seen == Timetable.Seen.CHANGED) {
          log.log("changed", name, Map.of());
        }
        if (olderThanHandedOver(view)) {
          // The older login's refresh key was most likely used up by the newer one: renewing it
          // could lose the login. Parked until the store holds another document.
          timetable.park(name);
          continue;
        }
        List<Path> written = handOver(view, starting ? "start" : "stored");
        logScheduled(name);
        if (!starting) {
          hooks.run(
              name,
              storedByOther(),
              view.needsLogin() ? Outcome.Kind.NEEDS_LOGIN.id() : "fresh",
              written,
              Hooks.ChangedBy.OTHER);
        }
      } catch (Exception e) {
        if (Verdict.STORE_UNREACHABLE.explains(e)) {
          storeFault(StoreOutage.Operation.READ, storeMessage(e), "cannot read the store: ");
        } else {
          log.log(
              "error",
              name,
              EventLog.fields("message", "cannot read the account: " + e.getMessage()));
        }
      }
    }
    // A turn refused by the store is proved over by its own next try, or by being replaced by a
    // cookie another host stored; a read alone does not tell that the store takes writes.
    if (!timetable.waitsForStore()) {
      storeAnswered(StoreOutage.Operation.RENEWAL);
    } else if (outage.failing(StoreOutage.Operation.RENEWAL)
        && outage.tick() == StoreOutage.Fault.ALERT) {
      alertStore(lastStoreFault);
    }
  }

  // The store's own words, not those of a wrapper on the way.
  private static String storeMessage(Exception e) {
    return FailureText.describe(
        Verdict.STORE_UNREACHABLE.in(e).map(Throwable.class::cast).orElse(e));
  }

  // A read or a turn could not reach the shared store. Its first fault is logged (a turn's is, as
  // "retrying", by the caller: context null), and once the
  // store has been silent for StoreOutage.ALERT_AFTER the whole store is alerted, once: every
  // account's turn meets the same fault, and one alert per account would say nothing more.
  private void storeFault(StoreOutage.Operation operation, String message, String context) {
    lastStoreFault = message;
    if (operation == StoreOutage.Operation.READ) {
      timetable.storeReadFailed();
    }
    switch (outage.failed(operation)) {
      case FIRST -> {
        if (context != null) {
          log.log("error", null, EventLog.fields("message", context + message));
        }
      }
      case ALERT -> alertStore(message);
      case QUIET -> {
        // Told already.
      }
    }
  }

  private void alertStore(String message) {
    StoreAlert.send(
        log,
        hooks,
        notifier,
        outage.since(),
        message,
        "every export keeps its last cookie and the daemon keeps trying");
  }

  // The store answered a read: an outage of reads is over, and the turns that failed for want of
  // the store are tried now, once, rather than after their backoff (a restart is usually over
  // before a re-read notices it); the read has re-read the accounts, so whatever changed meanwhile
  // is exported by it. A read says nothing of renewals: a store refusing writes answers reads all
  // along, and must neither end that outage nor bring its turns forward again.
  private void readsAnswered() {
    storeAnswered(StoreOutage.Operation.READ);
    timetable.storeBack();
  }

  // An alerted outage ends when every kind of operation that failed has answered again.
  private void storeAnswered(StoreOutage.Operation operation) {
    Instant since = outage.answered(operation);
    if (since != null) {
      log.log(
          "store-back",
          null,
          EventLog.fields("down", Duration.between(since, clock.instant()).toSeconds() + "s"));
    }
  }

  private void attempt(String name) {
    react(name, forced(name) ? vaults.renewNow(name) : vaults.renew(name));
  }

  // A live check refused a key that should still be valid, the daemon's own or a status --check
  // run meanwhile: renewing settles it, as the check's own reaction does, where an unforced try
  // would stop at the needs-login the check marked and report a login no renewal refused.
  private boolean forced(String name) {
    if (timetable.forced(name)) {
      return true;
    }
    try {
      AccountView view = vaults.view(name);
      return view.refusedAtCheck() && clock.instant().isBefore(view.expiresAt());
    } catch (Exception e) {
      // The attempt meets the same fault and reports it.
      return false;
    }
  }

  // The live check: at the start, daily, and for a cookie someone else stored. A refusal of a key
  // that should still be valid is settled by renewing at once: a renewed key is fresh again, and a
  // refused renewal is reported as any lost login is.
  private void check(String name) {
    Optional<ServerCheck> result = vaults.check(name);
    if (result.isEmpty()) {
      timetable.noChecks(name);
      return;
    }
    ServerCheck check = result.get();
    log.log(
        "checked",
        name,
        EventLog.fields(
            "server",
            check.result().id(),
            "code",
            check.code(),
            "reason",
            check.reason().isEmpty() ? null : check.reason()));
    AccountView view = viewOrPark(name);
    if (view == null) {
      return;
    }
    switch (timetable.afterCheck(view, check)) {
      case RENEW_NOW -> react(name, vaults.renewNow(name));
      case REPORT_AND_STOP ->
          report(
              name,
              new Outcome(
                  Outcome.Kind.NEEDS_LOGIN,
                  ExitStatus.LOGIN_INVALID,
                  "",
                  "the server refused the login at the live check (code "
                      + check.code()
                      + "): log in again and import the new cookie"));
      case NOTHING, SILENT -> {
        // Kept in last-check.json; status shows it.
      }
    }
  }

  // An account that cannot be read is parked rather than decided on: the next turn tries again.
  private AccountView viewOrPark(String name) {
    try {
      return vaults.view(name);
    } catch (Exception e) {
      if (Verdict.STORE_UNREACHABLE.explains(e)) {
        timetable.waitForStore(name);
        storeFault(StoreOutage.Operation.READ, storeMessage(e), "cannot read the store: ");
        return null;
      }
      log.log(
          "error", name, EventLog.fields("message", "cannot read the account: " + e.getMessage()));
      timetable.park(name);
      return null;
    }
  }

  private void react(String name, Outcome outcome) {
    if (Verdict.STORE_UNREACHABLE.id().equals(outcome.state())) {
      // The store did not answer: no view to plan by, and no alert of its own (the store is
      // alerted as a whole once it has been silent for long).
      timetable.waitForStore(name);
      logRetrying(name, outcome);
      storeFault(StoreOutage.Operation.RENEWAL, outcome.message(), null);
      return;
    }
    // Any other outcome took the account's lease (or found another host's): the store took writes.
    storeAnswered(StoreOutage.Operation.RENEWAL);
    AccountView view = viewOrPark(name);
    if (view == null) {
      return;
    }
    switch (timetable.after(view, outcome)) {
      case RENEWED -> {
        List<Path> written = olderThanHandedOver(view) ? List.of() : handOver(view, "renewed");
        logScheduled(name);
        log.log(
            "renewed",
            name,
            EventLog.fields(
                "via",
                outcome.via(),
                "next",
                timetable.nextTurn(name).orElse(null),
                "exports",
                written.size()));
        hooks.run(name, outcome, "fresh", written);
      }
      case NOT_DUE -> logScheduled(name);
      case SKIPPED ->
          log.log(
              "skipped",
              name,
              EventLog.fields(
                  "next", timetable.nextTurn(name).orElse(null), "message", outcome.message()));
      case REPORT_AND_STOP -> report(name, outcome);
      case SILENT -> {
        // Reported already; the next word comes when someone stores a new cookie.
      }
      case FIRST_FAULT -> {
        logRetrying(name, outcome);
        hooks.run(name, outcome, outcome.state(), List.of());
        alert("failure", name, outcome);
      }
      case FURTHER_FAULT -> logRetrying(name, outcome);
    }
  }

  private void report(String name, Outcome outcome) {
    log.log(
        outcome.state(),
        name,
        EventLog.fields("code", outcome.exitCode(), "message", outcome.message()));
    hooks.run(name, outcome, outcome.state(), List.of());
    alert(outcome.state(), name, outcome);
  }

  private void logRetrying(String name, Outcome outcome) {
    log.log(
        "retrying",
        name,
        EventLog.fields(
            "failures",
            timetable.failures(name),
            "next",
            timetable.nextTurn(name).orElse(null),
            "message",
            outcome.message(),
            "state",
            outcome.state()));
  }

  // The hook of a change by another process gets the variables of a renewal: a hook written for
  // the daemon's own renewals then needs no second branch. How it was renewed is not known here.
  private static Outcome storedByOther() {
    return new Outcome(Outcome.Kind.RENEWED, 0, "", "another process stored a new cookie");
  }

  private void alert(String event, String name, Outcome outcome) {
    if (notifier != null) {
      notifier.send(event, name, outcome.state(), outcome.exitCode(), alertText(name, outcome));
    }
  }

  // The daemon never starts a login itself (no one is there to scan a code): the alert says which
  // command the person it reaches should run.
  private String alertText(String name, Outcome outcome) {
    if (!Outcome.Kind.NEEDS_LOGIN.id().equals(outcome.state())) {
      return outcome.message();
    }
    return outcome.message() + "; to log in again run: " + vaults.loginCommand(name);
  }

  private void logScheduled(String name) {
    if (timetable.onSchedule(name)) {
      Instant due = timetable.nextTurn(name).orElseThrow();
      log.log(
          "scheduled",
          name,
          EventLog.fields(
              "due", due, "in", Duration.between(clock.instant(), due).toSeconds() + "s"));
    }
  }

  // A stored login older than the one the exports hold, and stored no later, is not handed over:
  // they keep the newer one, and the rollback is logged each time it is read and alerted once.
  private boolean olderThanHandedOver(AccountView view) {
    String name = view.name();
    AccountView last = handedOver.get(name);
    if (!view.rollsBack(last)) {
      return false;
    }
    Instant exported = last.keyCreatedAt();
    Instant stored = view.keyCreatedAt();
    String text =
        "the store holds an older login of "
            + name
            + " (key of "
            + stored
            + ") than the one exported (key of "
            + exported
            + "); the exports keep the newer one: import it into the store again, or log in";
    log.log("store-older", name, EventLog.fields("stored", stored, "exported", exported));
    if (!stored.equals(olderAlerted.put(name, stored))) {
      Outcome older = new Outcome(Outcome.Kind.FAILED, ExitStatus.TRANSIENT, "", text, STORE_OLDER);
      hooks.run(name, older, STORE_OLDER, List.of());
      if (notifier != null) {
        notifier.send(STORE_OLDER, name, STORE_OLDER, older.exitCode(), text);
      }
    }
    return true;
  }

  private List<Path> handOver(AccountView view, String why) {
    String name = view.name();
    List<ExportTarget> mine = new ArrayList<>();
    for (ExportTarget target : targets) {
      if (target.appliesTo(name, defaultAccount)) {
        mine.add(target);
      }
    }
    if (mine.isEmpty()) {
      return List.of();
    }
    try {
      List<Path> written = vaults.export(name, mine);
      log.log("exported", name, EventLog.fields("why", why, "files", written.size()));
      handedOver.put(name, view);
      olderAlerted.remove(name);
      return written;
    } catch (Exception e) {
      log.log("error", name, EventLog.fields("message", "export failed: " + e.getMessage()));
      return List.of();
    }
  }

  private void watch(WatchService watcher, Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      dir.register(
          watcher,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE,
          StandardWatchEventKinds.ENTRY_MODIFY);
    }
  }

  private void forwardChanges(WatchService watcher) {
    try {
      while (true) {
        WatchKey key = watcher.take();
        boolean relevant =
            key.pollEvents().stream()
                .anyMatch(
                    e ->
                        !String.valueOf(e.context()).startsWith(".")
                            && !String.valueOf(e.context()).startsWith(Account.PROFILE_FOLDER));
        key.reset();
        if (relevant) {
          signals.add(CHANGED);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // The daemon is stopping.
    }
  }
}
