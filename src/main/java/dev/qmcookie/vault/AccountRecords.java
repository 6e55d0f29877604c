package dev.qmcookie.vault;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where one account's cookie, attempts and checks are kept: its folder ({@link FolderRecords}) or a
 * shared store. {@link Account} hands every read and write of them here; the browser profile and
 * the recovery file stay in the folder either way.
 */
public interface AccountRecords {
  /** Whether something is stored as the cookie; {@link #load} says whether it is a usable one. */
  boolean exists() throws IOException;

  /**
   * Bytes that change whenever the stored cookie does, for telling a change apart from none.
   *
   * @throws java.nio.file.NoSuchFileException when nothing is stored
   */
  byte[] storedBytes() throws IOException;

  /**
   * Bytes that change whenever the stored cookie does, as {@link #storedBytes} does, but cheap to
   * read: the daemon reads them for every account of a shared store twice a minute.
   *
   * @throws java.nio.file.NoSuchFileException when nothing is stored
   */
  default byte[] changeTag() throws IOException {
    return storedBytes();
  }

  /**
   * The stored cookie.
   *
   * @throws dev.qmcookie.failure.InvalidInputException when there is none, or it cannot be read
   */
  CookieRecord load() throws IOException;

  /** Holds the account for writing, waiting while another writer holds it. */
  AccountHold lock() throws IOException;

  /**
   * Holds the account for a renewal. Where renewers on several hosts share the records, one that
   * finds another renewing skips the account rather than renew it again after: empty then.
   */
  default Optional<AccountHold> lockToRenew() throws IOException {
    return Optional.of(lock());
  }

  /** Who holds the account now, when {@link #lockToRenew} came back empty; for the message. */
  default String holder() {
    return "another renewer";
  }

  /** How long a renewer's hold lasts at most, should it die holding it. */
  default Duration holdLimit() {
    return Duration.ZERO;
  }

  /** Whether renewers on other hosts share these records. */
  default boolean shared() {
    return false;
  }

  /** Makes a save ready before a renewal request. Call it under a hold. */
  SaveSlot prepareSave() throws IOException;

  /** Replaces the stored cookie. Call it under a hold. */
  default void save(CookieRecord record) throws IOException {
    try (SaveSlot slot = prepareSave()) {
      slot.commit(record);
    }
  }

  Optional<RenewalAttempt> lastAttempt() throws IOException;

  /** Keeps the attempt as the last one and in the history. */
  void recordAttempt(RenewalAttempt attempt) throws IOException;

  /**
   * The attempts of the history made at {@code since} or later, oldest first: at most the last
   * {@code most}, read from the history's end only. Where no history is kept, the last attempt.
   */
  default List<RenewalAttempt> attemptsSince(Instant since, int most) throws IOException {
    return lastAttempt().filter(a -> !a.at().isBefore(since)).map(List::of).orElse(List.of());
  }

  Optional<ServerCheck> lastCheck() throws IOException;

  /** Keeps the live check; the cookie is not touched. Call it under a hold. */
  void recordCheck(ServerCheck check) throws IOException;

  /** What qmcookie would refuse to use, each with its fix; for {@code doctor}. */
  List<String> problems() throws IOException;
}
