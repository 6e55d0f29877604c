package dev.qmcookie.store;

import dev.qmcookie.failure.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * How the store's values are kept: sealed with AES-256-GCM under the key file's key, or as they are
 * in a store opened with --store-plaintext.
 */
abstract sealed class Seal {
  static final String SEALED_FORMAT = "aes-256-gcm";
  static final String PLAINTEXT_FORMAT = "plaintext";

  /** The store hash's format field for this seal. */
  abstract String format();

  /**
   * @param purpose what the value is bound to: it opens only with the same
   */
  abstract String seal(String purpose, String plain);

  /**
   * @throws GeneralSecurityException when it does not open: a wrong key, purpose or a changed value
   */
  abstract String open(String purpose, String stored) throws GeneralSecurityException;

  static Seal sealed(SecretKey key) {
    return new Sealed(key);
  }

  static Seal plaintext() {
    return new Plain();
  }

  /**
   * The seal of a store that is not made yet, opened by a command that may not make it: it seals
   * nothing, so that such a command writes no value into it.
   *
   * @param refusal what sealing throws, with its fix
   */
  static Seal notMade(String refusal) {
    return new NotMade(refusal);
  }

  private static final class Sealed extends Seal {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    Sealed(SecretKey key) {
      this.key = key;
    }

    @Override
    String format() {
      return SEALED_FORMAT;
    }

    @Override
    String seal(String purpose, String plain) {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder()
            .encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
      } catch (GeneralSecurityException e) {
        // Every JDK has AES-GCM: this is a broken runtime, not a passing fault.
        throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
      }
    }

    @Override
    String open(String purpose, String stored) throws GeneralSecurityException {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(stored);
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException("not a sealed value", e);
      }
      if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
        throw new GeneralSecurityException("not a sealed value");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    }
  }

  private static final class NotMade extends Seal {
    private final String refusal;

    NotMade(String refusal) {
      this.refusal = refusal;
    }

    @Override
    String format() {
      throw new InvalidInputException(refusal);
    }

    @Override
    String seal(String purpose, String plain) {
      throw new InvalidInputException(refusal);
    }

    @Override
    String open(String purpose, String stored) throws GeneralSecurityException {
      throw new GeneralSecurityException("the store is not made yet");
    }
  }

  private static final class Plain extends Seal {
    @Override
    String format() {
      return PLAINTEXT_FORMAT;
    }

    @Override
    String seal(String purpose, String plain) {
      return plain;
    }

    @Override
    String open(String purpose, String stored) {
      return stored;
    }
  }
}
