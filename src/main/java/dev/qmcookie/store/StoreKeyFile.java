package dev.qmcookie.store;

import dev.qmcookie.failure.InvalidInputException;
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

  /**
   * The key a new store is sealed with: this process's {@code fresh} key when it created {@code
   * file}, else the key another process of this home put there first.
   *
   * @param made whether this process created the file, and so alone may delete it
   */
  record Claimed(SecretKey key, boolean made) {}

  /**
   * Creates {@code file} holding {@code fresh}, mode 0600, unless it exists; never replaces one.
   * Two processes of one home that both found no key file must not each seal under a key of their
   * own: a rename over the other's file would leave the store sealed under a key no file holds.
   *
   * @throws InvalidInputException when the file another process made is not a private key file
   */
  static Claimed claim(Path file, SecretKey fresh) throws IOException {
    boolean made =
        ExclusiveFile.create(
            file,
            (Base64.getEncoder().encodeToString(fresh.getEncoded()) + "\n")
                .getBytes(StandardCharsets.US_ASCII));
    if (made) {
      return new Claimed(fresh, true);
    }
    return new Claimed(
        read(file)
            .orElseThrow(
                () -> new IOException("the store key file " + file + " vanished while made")),
        false);
  }
}
