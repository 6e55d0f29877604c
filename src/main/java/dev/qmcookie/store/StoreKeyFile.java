package dev.qmcookie.store;

import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.AtomicFile;
import dev.qmcookie.vault.TrustedPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The store's sealing key in a file: 32 random bytes as one base64 line, owner-only. Made on first
 * use of a new store and copied to the other hosts by hand.
 */
final class StoreKeyFile {
  private static final int KEY_BYTES = 32;

  private StoreKeyFile() {}

  /**
   * The key in {@code file}, or empty when there is no such file.
   *
   * @throws InvalidInputException when the file is a link, another user's, readable by others, or
   *     not a key
   */
  static Optional<SecretKey> read(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    // The key opens every cookie of the fleet: one that others could read or swap is refused.
    TrustedPath.requirePrivateFile(file);
    byte[] key;
    try {
      key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
      key = new byte[0];
    }
    if (key.length != KEY_BYTES) {
      throw new InvalidInputException(
          "the store key file "
              + file
              + " does not hold a key (32 bytes as one base64 line): copy the key file from the"
              + " host that first used the store (see docs/fleet.md)");
    }
    return Optional.of(new SecretKeySpec(key, "AES"));
  }

  static SecretKey generate() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return new SecretKeySpec(key, "AES");
  }

  /** Writes {@code key} to {@code file}, mode 0600, atomically. */
  static void write(Path file, SecretKey key) throws IOException {
    AtomicFile.write(file, Base64.getEncoder().encodeToString(key.getEncoded()) + "\n");
  }
}
