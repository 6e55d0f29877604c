package dev.qmcookie.account;

import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AccountHold;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Copies accounts' cookies from one vault to another: the folders into a shared store ({@code store
 * push}) or back ({@code store pull}). The cookie with its last attempt and last check goes over;
 * the browser profile stays where it is.
 */
public final class StoreTransfer {
  /** What happened to one account. */
  public enum Outcome {
    /** The target now holds the source's cookie. */
    COPIED,
    /** The target held the same cookie already; nothing was written. */
    UNCHANGED
  }

  /**
   * One account's result: an outcome, or the failure that stopped it (a refusal to replace a newer
   * login is an {@link InvalidInputException}).
   */
  public record Result(String account, Outcome outcome, Exception failure) {}

  private final Vault from;
  private final Vault to;
  private final String fromName;
  private final String toName;
  private final boolean force;

  /**
   * @param fromName how messages name the source, such as {@code the folder}
   * @param toName how messages name the target, such as {@code the store redis://host:6379/0}
   * @param force replace a target that holds a newer login
   */
  public StoreTransfer(Vault from, String fromName, Vault to, String toName, boolean force) {
    this.from = from;
    this.fromName = fromName;
    this.to = to;
    this.toName = toName;
    this.force = force;
  }

  /**
   * Copies each named account, or every account of the source when {@code names} is empty. One
   * account's failure never stops the others.
   *
   * @param each told of each result as soon as it is there
   * @throws InvalidInputException when the source holds no account at all
   */
  public List<Result> run(List<String> names, Consumer<Result> each) throws IOException {
    List<String> chosen =
        names.isEmpty() ? from.accounts().stream().map(Account::name).toList() : names;
    if (chosen.isEmpty()) {
      throw new InvalidInputException(fromName + " holds no accounts: nothing to copy");
    }
    List<Result> results = new ArrayList<>();
    for (String name : chosen) {
      Result result;
      try {
        result = new Result(name, copy(name), null);
      } catch (IOException | RuntimeException e) {
        result = new Result(name, null, e);
      }
      results.add(result);
      each.accept(result);
    }
    return results;
  }

  private Outcome copy(String name) throws IOException {
    Account source = from.account(name);
    if (!source.exists()) {
      throw new InvalidInputException(fromName + " holds no account " + name);
    }
    CookieRecord record = source.load();
    Optional<RenewalAttempt> attempt = source.lastAttempt();
    Optional<ServerCheck> check = source.lastCheck();
    Account target = to.account(name);
    try (AccountHold hold = target.lock()) {
      if (target.exists()) {
        CookieRecord present = target.load();
        if (CookieFormats.storeDocument(present).equals(CookieFormats.storeDocument(record))) {
          return Outcome.UNCHANGED;
        }
        if (!force && isNewer(present, record)) {
          throw new InvalidInputException(
              toName
                  + " holds a newer login of account "
                  + name
                  + " (key issued "
                  + keyTime(present)
                  + ") than "
                  + fromName
                  + " (key issued "
                  + keyTime(record)
                  + "); not copied: add --force to overwrite it");
        }
      }
      target.save(record);
      // After the cookie, so that a failure here leaves the new cookie with an older record at
      // worst; and only when it differs, so that a second run adds no history line.
      if (attempt.isPresent() && !attempt.equals(target.lastAttempt())) {
        target.recordAttempt(attempt.get());
      }
      if (check.isPresent() && !check.equals(target.lastCheck())) {
        target.recordCheck(check.get());
      }
    }
    return Outcome.COPIED;
  }

  // A target whose key was issued later holds a login the source would roll back. A key time
  // that cannot be read counts as older than any.
  private static boolean isNewer(CookieRecord present, CookieRecord incoming) {
    OptionalLong there = present.login().keyCreatedAt();
    OptionalLong here = incoming.login().keyCreatedAt();
    return there.isPresent() && (here.isEmpty() || there.getAsLong() > here.getAsLong());
  }

  private static String keyTime(CookieRecord record) {
    OptionalLong created = record.login().keyCreatedAt();
    return created.isPresent() ? Instant.ofEpochSecond(created.getAsLong()).toString() : "unknown";
  }
}
