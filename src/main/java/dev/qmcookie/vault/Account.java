package dev.qmcookie.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * One account's folder:
 *
 * <pre>
 *   cookie.json        the current cookie and metadata (qmcookie JSON)
 *   cookie.json.prev   the version before it
 *   last-renewal.json  the last renewal attempt
 *   history.jsonl      every renewal attempt, one JSON object per line, no secrets
 *   .lock              the account lock
 * </pre>
 *
 * A failed renewal writes only the last two history files: {@code cookie.json} stays byte for byte
 * what it was.
 */
public final class Account {
  public static final String COOKIE_FILE = "cookie.json";
  public static final String PREVIOUS_FILE = "cookie.json.prev";
  public static final String LAST_RENEWAL_FILE = "last-renewal.json";
  public static final String HISTORY_FILE = "history.jsonl";
  private static final String LOCK_FILE = ".lock";

  private final String name;
  private final Path dir;
  private final Duration lockTimeout;

  Account(String name, Path dir, Duration lockTimeout) {
    this.name = name;
    this.dir = dir;
    this.lockTimeout = lockTimeout;
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public Path cookieFile() {
    return dir.resolve(COOKIE_FILE);
  }

  public boolean exists() {
    return Files.isRegularFile(cookieFile());
  }

  /**
   * Takes the account's exclusive lock, waiting while another renewer holds it.
   *
   * @throws dev.qmcookie.failure.TransientFailureException when it stays busy too long
   */
  public AccountLock lock() throws IOException {
    createFolders();
    return AccountLock.acquire(dir.resolve(LOCK_FILE), name, lockTimeout);
  }

  /**
   * The stored cookie.
   *
   * @throws InvalidInputException when there is none, or the file cannot be read as one
   */
  public CookieRecord load() throws IOException {
    String text;
    try {
      text = Files.readString(cookieFile(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          "account " + name + " has no cookie yet: import one with `qmcookie import --account " + name + "`");
    } catch (CharacterCodingException e) {
      throw damaged("it is not UTF-8 text");
    }
    try {
      return CookieFormats.readStoreDocument(text);
    } catch (InvalidInputException e) {
      throw damaged(e.getMessage());
    }
  }

  private InvalidInputException damaged(String why) {
    return new InvalidInputException(
        "the stored cookie " + cookieFile() + " is damaged (" + why + "); the previous version is "
            + PREVIOUS_FILE + ", or import the cookie again");
  }

  /**
   * Atomically replaces the stored cookie, keeping the current one as {@code cookie.json.prev}.
   * Call it under {@link #lock()}.
   */
  public void save(CookieRecord record) throws IOException {
    createFolders();
    byte[] next = CookieFormats.storeDocument(record).getBytes(StandardCharsets.UTF_8);
    Path current = cookieFile();
    if (Files.exists(current)) {
      byte[] now = Files.readAllBytes(current);
      // A crash between these two writes leaves the old cookie in both files: never a loss.
      AtomicFile.write(dir.resolve(PREVIOUS_FILE), now);
    }
    AtomicFile.write(current, next);
  }

  /** The last renewal attempt, if there was one. */
  public Optional<RenewalAttempt> lastAttempt() throws IOException {
    Path file = dir.resolve(LAST_RENEWAL_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JsonTrees.read(Files.readAllBytes(file));
      return Optional.of(
          new RenewalAttempt(
              Instant.parse(n.path("time").asText()),
              n.path("outcome").asText(),
              n.path("code").asInt(),
              n.path("durationMs").asLong(),
              n.path("tries").asInt(),
              n.path("via").textValue(),
              n.path("message").textValue()));
    } catch (IOException | RuntimeException e) {
      // The record is informational; a damaged one must not stop renewal.
      return Optional.empty();
    }
  }

  /** Records an attempt: replaces {@code last-renewal.json} and appends to the history. */
  public void recordAttempt(RenewalAttempt attempt) throws IOException {
    createFolders();
    ObjectNode line = JsonTrees.object();
    line.put("time", attempt.at().toString());
    line.put("account", name);
    line.put("outcome", attempt.outcome());
    line.put("code", attempt.code());
    line.put("durationMs", attempt.durationMillis());
    line.put("tries", attempt.tries());
    line.put("via", attempt.via());
    line.put("message", attempt.message());
    String json = JsonTrees.compact(line);
    appendHistory(json);
    AtomicFile.write(dir.resolve(LAST_RENEWAL_FILE), json + "\n");
  }

  /**
   * Creates the account folder, owner-only. A home qmcookie creates is owner-only too; an existing
   * one keeps the mode its owner chose.
   */
  public void createFolders() throws IOException {
    Path home = dir.getParent();
    if (home != null && !Files.isDirectory(home)) {
      FilePermissions.createPrivateDirectory(home);
    }
    FilePermissions.createPrivateDirectory(dir);
  }

  private void appendHistory(String jsonLine) throws IOException {
    Path file = dir.resolve(HISTORY_FILE);
    // One write per line with O_APPEND: concurrent appenders never interleave within a line.
    try (FileChannel ch =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
            FilePermissions.ownerFileAttributes(file))) {
      ch.write(ByteBuffer.wrap((jsonLine + "\n").getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
  }

  @Override
  public String toString() {
    return "Account{" + name + "}";
  }
}
