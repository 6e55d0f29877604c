package dev.qmcookie.vault;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One account: its folder on this host, which keeps the browser profile, and its records, which the
 * folder keeps too ({@link FolderRecords}) unless a shared store does ({@link AccountStore}).
 *
 * <pre>
 *   cookie.json        the current cookie and metadata (qmcookie JSON)
 *   cookie.json.prev   the version before it
 *   cookie.json.recovered  a renewed cookie that could not be stored (in either case)
 *   last-renewal.json  the last renewal attempt
 *   history.jsonl      every renewal attempt, one JSON object per line, no secrets
 *   last-check.json    the last live check of the stored cookie with the server
 *   chrome/            the browser profile of login and capture
 *   .lock              the account lock
 * </pre>
 */
public final class Account {
  public static final String COOKIE_FILE = "cookie.json";
  public static final String PREVIOUS_FILE = "cookie.json.prev";
  public static final String LAST_RENEWAL_FILE = "last-renewal.json";
  public static final String HISTORY_FILE = "history.jsonl";
  public static final String RECOVERY_FILE = "cookie.json.recovered";
  public static final String LAST_CHECK_FILE = "last-check.json";

  /** The account's own browser profile, kept by {@code login} for captures and the fallback. */
  public static final String PROFILE_FOLDER = "chrome";

  private final String name;
  private final Path dir;
  private final AccountRecords records;

  Account(String name, Path dir, AccountRecords records) {
    this.name = name;
    this.dir = dir;
    this.records = records;
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  /** The folder's cookie file, which holds the cookie unless a shared store does. */
  public Path cookieFile() {
    return dir.resolve(COOKIE_FILE);
  }

  public Path browserProfile() {
    return dir.resolve(PROFILE_FOLDER);
  }

  public boolean hasBrowserProfile() {
    return Files.isDirectory(browserProfile());
  }

  /**
   * What qmcookie would refuse to use in this account's records, each named with what is wrong and
   * the fix: for {@code doctor}, which reports what a renewal would stop at.
   */
  public List<String> fileProblems() throws IOException {
    return records.problems();
  }

  /** Whether something is stored as the cookie; {@link #load} says whether it is a usable one. */
  public boolean exists() {
    try {
      return records.exists();
    } catch (IOException e) {
      return true; // something is there that cannot be read: load() says what
    }
  }

  /**
   * Holds the account for writing, waiting while another writer holds it.
   *
   * @throws dev.qmcookie.failure.TransientFailureException when it stays busy too long
   */
  public AccountHold lock() throws IOException {
    return records.lock();
  }

  /**
   * Holds the account for a renewal; empty when a renewer on another host holds it, which then
   * renews it (see {@link #holder()}).
   */
  public Optional<AccountHold> lockToRenew() throws IOException {
    return records.lockToRenew();
  }

  /** Who holds the account, after {@link #lockToRenew} came back empty. */
  public String holder() {
    return records.holder();
  }

  /** How long a renewer's hold lasts at most, should it die holding it. */
  public Duration holdLimit() {
    return records.holdLimit();
  }

  /** Whether renewers on other hosts share this account's records (a shared store). */
  public boolean shared() {
    return records.shared();
  }

  /**
   * Bytes that change whenever the stored cookie does.
   *
   * @throws java.nio.file.NoSuchFileException when there is none
   * @throws dev.qmcookie.failure.InvalidInputException when it is a link or a special file
   */
  public byte[] storedBytes() throws IOException {
    return records.storedBytes();
  }

  /**
   * Like {@link #storedBytes}, as cheap as the records can make it: a shared store sends a digest
   * of its document, not the document.
   *
   * @throws java.nio.file.NoSuchFileException when there is none
   */
  public byte[] changeTag() throws IOException {
    return records.changeTag();
  }

  /**
   * The stored cookie.
   *
   * @throws dev.qmcookie.failure.InvalidInputException when there is none, or it cannot be read
   */
  public CookieRecord load() throws IOException {
    return records.load();
  }

  /** Replaces the stored cookie, keeping the current one as the previous. Call it under a hold. */
  public void save(CookieRecord record) throws IOException {
    records.save(record);
  }

  /**
   * Makes a save ready before a renewal request, proving that its answer can be stored. Call it
   * under a hold.
   *
   * @throws IOException when the save would fail; nothing was written then
   */
  public SaveSlot prepareSave() throws IOException {
    return records.prepareSave();
  }

  /** The last renewal attempt, if there was one. */
  public Optional<RenewalAttempt> lastAttempt() throws IOException {
    return records.lastAttempt();
  }

  /** Records an attempt: the last one, and a line of the history. */
  public void recordAttempt(RenewalAttempt attempt) throws IOException {
    records.recordAttempt(attempt);
  }

  /**
   * The attempts made at {@code since} or later, oldest first, at most the last {@code most}; for
   * the page's chart.
   */
  public List<RenewalAttempt> attemptsSince(Instant since, int most) throws IOException {
    return records.attemptsSince(since, most);
  }

  /** The last live check with the server, if there was one. */
  public Optional<ServerCheck> lastCheck() throws IOException {
    return records.lastCheck();
  }

  /** Keeps the live check; the cookie is not touched. Call it under a hold. */
  public void recordCheck(ServerCheck check) throws IOException {
    records.recordCheck(check);
  }

  /**
   * Creates the account folder, owner-only. A home qmcookie creates is owner-only too; an existing
   * one keeps the mode its owner chose.
   */
  public void createFolders() throws IOException {
    createFolders(dir);
  }

  static void createFolders(Path dir) throws IOException {
    Path home = dir.getParent();
    if (home != null && !Files.isDirectory(home)) {
      FilePermissions.createPrivateDirectory(home);
    }
    FilePermissions.createPrivateDirectory(dir);
  }

  @Override
  public String toString() {
    return "Account{" + name + "}";
  }
}
