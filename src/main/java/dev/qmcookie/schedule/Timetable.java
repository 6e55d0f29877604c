package dev.qmcookie.schedule;

import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The daemon's decisions for each account, apart from carrying them out: when its turn comes, how
 * long to back off after a passing fault, when to report and then fall silent, and when a cookie
 * someone else stored starts the account afresh. It reads no file, starts no thread and never
 * waits; the time comes from the clock it is given, so a test can move through days.
 */
final class Timetable {
  /** How often an account's cookie is checked with the server, besides at the start. */
  static final Duration CHECK_EVERY = Duration.ofDays(1);

  /** How long the daemon sleeps when no turn is planned; a change in the home wakes it sooner. */
  static final Duration IDLE = Duration.ofDays(1);

  /** The least wait after the account's device limit was reached. */
  static final Duration DEVICE_LIMIT_WAIT = Duration.ofHours(1);

  /**
   * How many steps of the backoff a "too frequent" answer skips: the server asked for fewer
   * requests, so the pauses start at 16 minutes instead of 1.
   */
  static final int TOO_FREQUENT_HEAD_START = 4;

  /**
   * The least wait before looking again at an account another host held: a hold that has run out
   * already, or a renewal elsewhere that the store does not show yet, is not asked about in a loop.
   */
  static final Duration SKIP_LEAST_WAIT = Duration.ofMinutes(1);

  /** How a fresh read of an account compares with what the timetable knew of it. */
  enum Seen {
    NEW,
    /** Another process stored a different cookie: failures and reports so far are history. */
    CHANGED,
    SAME
  }

  /** What the daemon does after an attempt, besides logging it. */
  enum Reaction {
    /** Hand the new cookie over and run --on-renew; the next turn is at the new due time. */
    RENEWED,
    /** Nothing was due after all; the next turn is at the due time. */
    NOT_DUE,
    /**
     * A passing fault in a state not yet reported (the first of an outage, or a change such as to
     * device-limit): run --on-failure and alert, then back off.
     */
    FIRST_FAULT,
    /** A further passing fault in the state already reported: back off, quietly. */
    FURTHER_FAULT,
    /**
     * Another host holds the account or has just renewed it: no failure and no alert; the next turn
     * is when its hold runs out, or sooner when its new cookie shows as a change.
     */
    SKIPPED,
    /** Only a human can help: report it once, and take no more turns until the cookie changes. */
    REPORT_AND_STOP,
    /** Still in the state already reported. */
    SILENT
  }

  /** What the daemon does after a live check, besides logging it. */
  enum CheckReaction {
    /** Accepted, or no answer: the next check is a day later. */
    NOTHING,
    /** Refused while the key should still be valid: renew at once, which settles it either way. */
    RENEW_NOW,
    /** Refused, and the key is past its expiry: report it once, and take no more turns. */
    REPORT_AND_STOP,
    /** Refused, and already reported. */
    SILENT
  }

  private static final class Entry {
    String fingerprint;
    int failures;
    Instant lastFailure;
    // Only a human can help, and that was reported: no last try.
    boolean reported;
    // The state last alerted, so that each change is alerted once and a repeat is not.
    String alerted;
    Instant next;
    // The planner gave the next turn (as opposed to the one last try of a lost login).
    boolean planned;
    // The next live check; null once the account is reported lost, or when checks are off.
    Instant nextCheck;
    // A refusal at the live check is being settled by renewing: until the key's expiry, every try
    // is forced past the needs-login that refusal marks, so a passing fault on the way is retried
    // like any other instead of being reported as a lost login no renewal confirmed.
    Instant settleUntil;
    // The last turn could not reach the shared store: tried again as soon as the store answers.
    boolean waitingForStore;
    // Turns in a row that could not reach the store, counted apart from the server's faults: a
    // long outage must not make the first real server fault after it back off for an hour.
    int storeWaits;
    // The one early try of this outage was given, when a read of the store answered: a store that
    // answers reads and refuses writes then has the backoff to itself. The turn's outcome, other
    // than the store's fault, clears both; a read that fails again starts a new outage.
    boolean triedAtStoreBack;
  }

  private final Planner planner;
  private final Clock clock;
  private final boolean checks;
  private final Map<String, Entry> entries = new HashMap<>();

  Timetable(Planner planner, Clock clock) {
    this(planner, clock, false);
  }

  /**
   * @param checks whether accounts are checked with the server: when first seen, and then daily
   */
  Timetable(Planner planner, Clock clock, boolean checks) {
    this.planner = planner;
    this.clock = clock;
    this.checks = checks;
  }

  /** Forgets every account not in {@code names}; returns the ones forgotten. */
  List<String> keepOnly(Collection<String> names) {
    List<String> gone = new ArrayList<>();
    entries
        .keySet()
        .removeIf(
            name -> {
              boolean remove = !names.contains(name);
              if (remove) {
                gone.add(name);
              }
              return remove;
            });
    return gone;
  }

  /** Whether the account has been read and planned. */
  boolean known(String name) {
    return entries.containsKey(name);
  }

  /** Whether the account is known with this fingerprint: a read of it would change nothing. */
  boolean knows(String name, String fingerprint) {
    Entry known = entries.get(name);
    return known != null && known.fingerprint.equals(fingerprint);
  }

  /** Takes in a fresh read of an account; a new or changed one is planned from scratch. */
  Seen see(AccountView view) {
    Entry known = entries.get(view.name());
    if (known != null && view.fingerprint().equals(known.fingerprint)) {
      return Seen.SAME;
    }
    Entry fresh = new Entry();
    fresh.fingerprint = view.fingerprint();
    // At the start, and for a cookie someone else stored: whether it works is news to the daemon.
    fresh.nextCheck = checks ? clock.instant() : null;
    entries.put(view.name(), fresh);
    plan(fresh, view);
    return known == null ? Seen.NEW : Seen.CHANGED;
  }

  /**
   * How long until the soonest turn: zero or less when one is due, {@link #IDLE} when none is
   * planned.
   */
  Duration untilNextTurn() {
    Optional<Instant> soonest =
        entries.values().stream()
            .flatMap(e -> Stream.of(e.next, e.nextCheck))
            .filter(Objects::nonNull)
            .min(Instant::compareTo);
    return soonest.map(t -> Duration.between(clock.instant(), t)).orElse(IDLE);
  }

  /** The account whose turn it is now, if any; the one waiting longest first. */
  Optional<String> due() {
    return soonest()
        .filter(e -> !clock.instant().isBefore(e.getValue().next))
        .map(Map.Entry::getKey);
  }

  /**
   * The account whose live check is due now, if any, the one waiting longest first. Renewals come
   * first: ask {@link #due()} before.
   */
  Optional<String> dueCheck() {
    Instant now = clock.instant();
    return entries.entrySet().stream()
        .filter(e -> e.getValue().nextCheck != null && !now.isBefore(e.getValue().nextCheck))
        .min(Map.Entry.comparingByValue((a, b) -> a.nextCheck.compareTo(b.nextCheck)))
        .map(Map.Entry::getKey);
  }

  /** The daemon does not check this account with the server. */
  void noChecks(String name) {
    Entry t = entries.get(name);
    if (t != null) {
      t.nextCheck = null;
    }
  }

  /** Records what the live check of {@code view}'s account said, and plans the next one. */
  CheckReaction afterCheck(AccountView view, ServerCheck check) {
    Entry t = entries.get(view.name());
    Instant now = clock.instant();
    t.nextCheck = now.plus(CHECK_EVERY);
    if (!check.refused()) {
      return CheckReaction.NOTHING;
    }
    if (now.isBefore(view.expiresAt())) {
      t.settleUntil = view.expiresAt();
      return CheckReaction.RENEW_NOW;
    }
    if (!view.needsLogin()) {
      // Expired, yet renewable by its refresh_key: the server refuses an expired key at the check
      // as it must, which says nothing of the refresh_key. The renewals decide, by their backoff.
      return CheckReaction.NOTHING;
    }
    t.next = null;
    t.planned = false;
    t.nextCheck = null;
    if (t.reported) {
      return CheckReaction.SILENT;
    }
    t.reported = true;
    // Alerted as needs-login, as a refused renewal would be: the same state is not alerted twice.
    t.alerted = Verdict.NEEDS_LOGIN.id();
    return CheckReaction.REPORT_AND_STOP;
  }

  /**
   * Records what the attempt of {@code view}'s account came to, {@code view} being read after it,
   * and plans the next turn.
   */
  Reaction after(AccountView view, Outcome outcome) {
    Entry t = entries.get(view.name());
    if (outcome.kind() == Outcome.Kind.SKIPPED) {
      return skipped(t, view, outcome.retryAt());
    }
    // The attempt may have stored a cookie; that is no change by someone else. A turn that found
    // nothing due stored none: a different cookie it read is another's save that landed just
    // before the turn (in a fleet, a renewal whose lease was let go a moment earlier), and the
    // read that follows that save's message owes its exports and hooks.
    if (outcome.kind() != Outcome.Kind.NOT_DUE) {
      t.fingerprint = view.fingerprint();
    }
    t.waitingForStore = false;
    t.triedAtStoreBack = false;
    t.storeWaits = 0;
    switch (outcome.kind()) {
      case RENEWED -> {
        t.settleUntil = null;
        t.failures = 0;
        t.lastFailure = null;
        t.reported = false;
        t.alerted = null;
        plan(t, view);
        return Reaction.RENEWED;
      }
      case NOT_DUE -> {
        plan(t, view);
        return Reaction.NOT_DUE;
      }
      case TRANSIENT -> {
        t.failures++;
        t.lastFailure = clock.instant();
        plan(t, view);
        holdOff(t, view, outcome.state());
        return alertOnce(t, outcome) ? Reaction.FIRST_FAULT : Reaction.FURTHER_FAULT;
      }
      default -> {
        t.settleUntil = null;
        t.next = null;
        t.planned = false;
        // A lost login has nothing left to check until someone stores a new cookie.
        t.nextCheck = null;
        t.reported = true;
        return alertOnce(t, outcome) ? Reaction.REPORT_AND_STOP : Reaction.SILENT;
      }
    }
  }

  // The fingerprint stays as it was: the other host's cookie, when it shows, is a change by someone
  // else, and this host owes its exports and hooks the same care as for any such change.
  private Reaction skipped(Entry t, AccountView view, Instant retryAt) {
    Instant next;
    if (retryAt != null) {
      next = planner.afterSkip(retryAt);
      t.planned = false;
    } else {
      plan(t, view);
      next = t.next;
    }
    Instant least = clock.instant().plus(SKIP_LEAST_WAIT);
    t.next = next == null || next.isBefore(least) ? least : next;
    return Reaction.SKIPPED;
  }

  /**
   * The account's turn could not reach the shared store, or it could not be read from it after: a
   * passing fault, retried by the backoff, and at once when the store answers again ({@link
   * #storeBack}). An account left alone until a new cookie is stored stays so.
   */
  void waitForStore(String name) {
    Entry t = entries.get(name);
    if (t == null || (t.next == null && t.reported)) {
      return;
    }
    t.storeWaits++;
    Instant now = clock.instant();
    t.next = now.plus(Planner.backoff(t.storeWaits));
    t.waitingForStore = true;
  }

  /**
   * A read of the shared store failed: the store is away again, and the turns waiting for it get
   * another early try when it answers, as a store that flaps comes back many times.
   */
  void storeReadFailed() {
    entries.values().forEach(t -> t.triedAtStoreBack = false);
  }

  /**
   * A read of the shared store answered: every account whose turn failed for want of it is tried
   * now, once per outage. Its store waits are kept: a store that answers reads may still refuse
   * writes, and a turn that meets that again backs off further rather than retry at each read.
   * Returns those accounts.
   */
  List<String> storeBack() {
    List<String> waiting = new ArrayList<>();
    Instant now = clock.instant();
    entries.forEach(
        (name, t) -> {
          if (t.waitingForStore && !t.triedAtStoreBack) {
            t.triedAtStoreBack = true;
            t.next = now;
            waiting.add(name);
          }
        });
    return waiting;
  }

  /**
   * Whether some account's last turn could not reach the store, or was refused by it: until none
   * is, the store's writes are not known to work again.
   */
  boolean waitsForStore() {
    return entries.values().stream().anyMatch(t -> t.waitingForStore);
  }

  private static boolean alertOnce(Entry t, Outcome outcome) {
    boolean changed = !outcome.state().equals(t.alerted);
    t.alerted = outcome.state();
    return changed;
  }

  // Answers that ask for patience: a device limit is not lifted within minutes, and "too
  // frequent" asked for fewer requests.
  private void holdOff(Entry t, AccountView view, String state) {
    if (t.next == null) {
      return;
    }
    Instant earliest = null;
    if (Verdict.DEVICE_LIMIT.id().equals(state)) {
      earliest = t.lastFailure.plus(DEVICE_LIMIT_WAIT);
    } else if (Verdict.TOO_FREQUENT.id().equals(state)) {
      Instant later = t.lastFailure.plus(Planner.backoff(t.failures + TOO_FREQUENT_HEAD_START));
      earliest = later.isBefore(view.expiresAt()) ? later : view.expiresAt();
    }
    if (earliest != null && t.next.isBefore(earliest)) {
      t.next = earliest;
    }
  }

  /**
   * The account could not be read after its attempt or check: no more turns, renewals or checks,
   * until it changes.
   */
  void park(String name) {
    Entry t = entries.get(name);
    if (t != null) {
      t.next = null;
      t.planned = false;
      t.nextCheck = null;
    }
  }

  /**
   * Whether the account's turn must renew past the needs-login of a refused live check: while that
   * refusal is being settled and the key has not expired.
   */
  boolean forced(String name) {
    Entry t = entries.get(name);
    return t != null && settling(t);
  }

  private boolean settling(Entry t) {
    return t.settleUntil != null && clock.instant().isBefore(t.settleUntil);
  }

  /** The account's next turn, if it has one. */
  Optional<Instant> nextTurn(String name) {
    return Optional.ofNullable(entries.get(name)).map(t -> t.next);
  }

  /**
   * Passing faults in a row since the last renewal or change, the store's among them; each kind
   * backs off by its own count.
   */
  int failures(String name) {
    Entry t = entries.get(name);
    return t == null ? 0 : t.failures + t.storeWaits;
  }

  /** Whether the next turn is a due time (worth a "scheduled" line), not a retry or a last try. */
  boolean onSchedule(String name) {
    Entry t = entries.get(name);
    return t != null && t.planned && t.failures == 0 && t.storeWaits == 0;
  }

  private void plan(Entry t, AccountView view) {
    boolean settle =
        (settling(t) || view.refusedAtCheck())
            && view.needsLogin()
            && clock.instant().isBefore(view.expiresAt());
    AccountView planned =
        settle
            ? new AccountView(
                view.name(),
                view.dueAt(),
                view.expiresAt(),
                false,
                view.fingerprint(),
                view.notBefore())
            : view;
    Optional<Instant> next = planner.next(planned, t.failures, t.lastFailure);
    t.planned = next.isPresent();
    // An account that already needs a new login may still be restored from its browser
    // profile: one attempt, then silence until someone stores a new cookie.
    t.next = next.orElse(t.reported ? null : clock.instant());
  }

  private Optional<Map.Entry<String, Entry>> soonest() {
    return entries.entrySet().stream()
        .filter(e -> e.getValue().next != null)
        .min(Map.Entry.comparingByValue((a, b) -> a.next.compareTo(b.next)));
  }
}
