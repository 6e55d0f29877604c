package dev.qmcookie.vault;

import static dev.qmcookie.vault.Account.COOKIE_FILE;
import static dev.qmcookie.vault.Account.HISTORY_FILE;
import static dev.qmcookie.vault.Account.LAST_CHECK_FILE;
import static dev.qmcookie.vault.Account.LAST_RENEWAL_FILE;
import static dev.qmcookie.vault.Account.PREVIOUS_FILE;
import static dev.qmcookie.vault.Account.RECOVERY_FILE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * An account's records in its folder, the default:
 *
 * <pre>
 *   cookie.json        the current cookie and metadata (qmcookie JSON)
 *   cookie.json.prev   the version before it
 *   cookie.json.recovered  a renewed cookie that could not be stored as cookie.json
 *   last-renewal.json  the last renewal attempt
 *   history.jsonl      every renewal attempt, one JSON object per line, no secrets
 *   last-check.json    the last live check of the stored cookie with the server
 *   .lock              the account lock
 * </pre>
 *
 * A failed renewal writes only the last two history files: {@code cookie.json} stays byte for byte
 * what it was.
 *
 * <p>Each of these is read or written only as a regular file, never through a symbolic link: see
 * {@link RegularFiles}.
 */
public final class FolderRecords implements AccountRecords {
  // About 2000 lines of history: more than a week of attempts, even retried every minute for hours.
  private static final int HISTORY_TAIL_BYTES = 512 * 1024;

  private static final String LOCK_FILE = ".lock";

  private final String name;
  private final Path dir;
  private final Duration lockTimeout;

  FolderRecords(String name, Path dir, Duration lockTimeout) {
    this.name = name;
    this.dir = dir;
    this.lockTimeout = lockTimeout;
  }

  private Path cookieFile() {
    return dir.resolve(COOKIE_FILE);
  }

  /**
   * Refuses an account folder, or a file in it, that another user owns or others can write: the
   * cookie and the renewal record steer what is sent and stored, so such a folder could swap in
   * someone else's login, or read ours through a planted link.
   *
   * @throws InvalidInputException naming the path and the fix
   */
  private void requireTrusted() throws IOException {
    Optional<TrustedPath.Untrusted> problem = trustProblem();
    if (problem.isPresent()) {
      throw new InvalidInputException(problem.get().message());
    }
  }

  // The first path of this account that another user owns or others can write, if any.
  private Optional<TrustedPath.Untrusted> trustProblem() throws IOException {
    for (String file :
        List.of("", COOKIE_FILE, PREVIOUS_FILE, LAST_RENEWAL_FILE, HISTORY_FILE, LAST_CHECK_FILE)) {
      Optional<TrustedPath.Untrusted> problem =
          TrustedPath.problem(file.isEmpty() ? dir : dir.resolve(file));
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  /**
   * Every file of this account that qmcookie would refuse to use, each named with what is wrong and
   * the fix: a folder or file that is not the user's own, and a link, folder or special file where
   * a regular file belongs. For {@code doctor}, which reports what a renewal would stop at.
   */
  @Override
  public List<String> problems() throws IOException {
    List<String> problems = new ArrayList<>();
    trustProblem().ifPresent(u -> problems.add(u.message()));
    for (String file :
        List.of(
            COOKIE_FILE,
            PREVIOUS_FILE,
            LAST_RENEWAL_FILE,
            HISTORY_FILE,
            RECOVERY_FILE,
            LAST_CHECK_FILE,
            LOCK_FILE)) {
      Path path = dir.resolve(file);
      Optional<BasicFileAttributes> type = RegularFiles.attributes(path);
      if (type.isPresent() && !type.get().isRegularFile()) {
        problems.add(RegularFiles.notRegular(path, type.get()).getMessage());
      }
    }
    return problems;
  }

  /** Whether something is stored as the cookie; {@link #load} says whether it is a usable one. */
  @Override
  public boolean exists() {
    // Without following links: a planted link or FIFO is an account whose cookie is damaged, not
    // none. A folder is nobody's cookie.
    Path file = cookieFile();
    return Files.exists(file, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Takes the account's exclusive lock, waiting while another renewer holds it.
   *
   * @throws dev.qmcookie.failure.TransientFailureException when it stays busy too long
   */
  @Override
  public AccountHold lock() throws IOException {
    requireTrusted();
    createFolders();
    AccountLock lock = AccountLock.acquire(dir.resolve(LOCK_FILE), name, lockTimeout);
    if (!lock.outermost()) {
      return lock; // the outer holder's temporary files are in use
    }
    try {
      TemporaryFiles.removeLeftovers(
          dir,
          List.of(COOKIE_FILE, PREVIOUS_FILE, LAST_RENEWAL_FILE, RECOVERY_FILE, LAST_CHECK_FILE));
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
    return lock;
  }

  /**
   * The stored cookie file's bytes, as they are, read only as a regular file.
   *
   * @throws java.nio.file.NoSuchFileException when there is none
   * @throws InvalidInputException when it is a link or a special file
   */
  @Override
  public byte[] storedBytes() throws IOException {
    requireTrusted();
    return RegularFiles.read(cookieFile());
  }

  /**
   * The stored cookie.
   *
   * @throws InvalidInputException when there is none, or the file cannot be read as one
   */
  @Override
  public CookieRecord load() throws IOException {
    requireTrusted();
    Optional<BasicFileAttributes> type = RegularFiles.attributes(cookieFile());
    if (type.isPresent() && !type.get().isRegularFile()) {
      throw damaged(RegularFiles.whyNotRegular(type.get()));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(RegularFiles.read(cookieFile())))
              .toString();
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          "account "
              + name
              + " has no cookie yet: import one with `qmcookie import --account "
              + name
              + "`");
    } catch (CharacterCodingException e) {
      throw damaged("it is not UTF-8 text");
    }
    try {
      return CookieFormats.readStoreDocument(text);
    } catch (InvalidInputException e) {
      throw damaged(e.getMessage());
    }
  }

  private InvalidInputException damaged(String why) throws IOException {
    Path previous = dir.resolve(PREVIOUS_FILE);
    // Name the previous version only when there is one to go back to.
    String remedy =
        RegularFiles.isRegular(previous)
            ? "the previous version is " + previous + ", or import the cookie again with --replace"
            : "import the cookie again with --replace";
    return new InvalidInputException(
        "the stored cookie " + cookieFile() + " is damaged (" + why + "); " + remedy);
  }

  /**
   * Makes a save ready before a renewal request, proving that there is room and right to store its
   * answer, and that the history files can be written. Call it under {@link #lock()}.
   *
   * @throws IOException when the save would fail; nothing was written then
   * @throws InvalidInputException when a file of the account is a link or a special file
   */
  @Override
  public PendingSave prepareSave() throws IOException {
    createFolders();
    RegularFiles.requireRegularOrAbsent(dir.resolve(HISTORY_FILE));
    RegularFiles.requireRegularOrAbsent(dir.resolve(LAST_RENEWAL_FILE));
    return PendingSave.prepare(
        cookieFile(), dir.resolve(PREVIOUS_FILE), dir.resolve(RECOVERY_FILE));
  }

  /** The last renewal attempt, if there was one. */
  @Override
  public Optional<RenewalAttempt> lastAttempt() throws IOException {
    Path file = dir.resolve(LAST_RENEWAL_FILE);
    if (!RegularFiles.isRegular(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JsonTrees.read(RegularFiles.read(file));
      return Optional.of(RenewalAttempt.readFrom(n));
    } catch (IOException | RuntimeException e) {
      // The record is informational; a damaged one must not stop renewal.
      return Optional.empty();
    }
  }

  /** Records an attempt: replaces {@code last-renewal.json} and appends to the history. */
  @Override
  public void recordAttempt(RenewalAttempt attempt) throws IOException {
    createFolders();
    ObjectNode line = JsonTrees.object();
    // History lines before 0.2.0 had only "time", and scripts read it: it stays, first, beside
    // "at" until 0.3.0. The account follows it, as history lines have always had it.
    line.put("time", attempt.at().toString());
    line.put("account", name);
    String json = JsonTrees.compact(attempt.writeTo(line));
    appendHistory(json);
    AtomicFile.write(dir.resolve(LAST_RENEWAL_FILE), json + "\n");
  }

  // Only the file's end is read: a history grows a line per attempt for years, and the page asks
  // for the last week on every refresh.
  @Override
  public List<RenewalAttempt> attemptsSince(Instant since, int most) throws IOException {
    Path file = dir.resolve(HISTORY_FILE);
    if (!RegularFiles.isRegular(file)) {
      return List.of();
    }
    String tail;
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long start = Math.max(0, ch.size() - HISTORY_TAIL_BYTES);
      ByteBuffer buffer = ByteBuffer.allocate((int) (ch.size() - start));
      while (buffer.hasRemaining() && ch.read(buffer, start + buffer.position()) > 0) {
        // Read on until the buffer is full or the file ends.
      }
      tail = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      if (start > 0) {
        // The first line is cut in the middle.
        int newline = tail.indexOf('\n');
        tail = newline < 0 ? "" : tail.substring(newline + 1);
      }
    }
    Deque<RenewalAttempt> attempts = new ArrayDeque<>();
    for (String line : tail.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        RenewalAttempt attempt = RenewalAttempt.readFrom(JsonTrees.read(line));
        if (!attempt.at().isBefore(since)) {
          attempts.addLast(attempt);
          if (attempts.size() > most) {
            attempts.removeFirst();
          }
        }
      } catch (IOException | RuntimeException damaged) {
        // A damaged line is informational like the rest: the others still tell the story.
      }
    }
    return List.copyOf(attempts);
  }

  /** The last live check with the server, if there was one. */
  @Override
  public Optional<ServerCheck> lastCheck() throws IOException {
    Path file = dir.resolve(LAST_CHECK_FILE);
    if (!RegularFiles.isRegular(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ServerCheck.readFrom(JsonTrees.read(RegularFiles.read(file))));
    } catch (IOException | RuntimeException e) {
      // Like the renewal record, it is informational: a damaged one is no check at all.
      return Optional.empty();
    }
  }

  /**
   * Replaces {@code last-check.json}; the cookie is not touched. Call it under {@link #lock()},
   * which clears the temporary files an interrupted write leaves.
   */
  @Override
  public void recordCheck(ServerCheck check) throws IOException {
    createFolders();
    RegularFiles.requireRegularOrAbsent(dir.resolve(LAST_CHECK_FILE));
    AtomicFile.write(
        dir.resolve(LAST_CHECK_FILE), JsonTrees.compact(check.writeTo(JsonTrees.object())) + "\n");
  }

  private void createFolders() throws IOException {
    Account.createFolders(dir);
  }

  private void appendHistory(String jsonLine) throws IOException {
    Path file = dir.resolve(HISTORY_FILE);
    // One write per line with O_APPEND: concurrent appenders never interleave within a line.
    try (FileChannel ch =
        RegularFiles.openOrCreate(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
