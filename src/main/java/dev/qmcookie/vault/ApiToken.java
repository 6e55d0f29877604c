package dev.qmcookie.vault;

import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** The bearer token of the daemon's endpoint, kept in the home. */
public final class ApiToken {
  private ApiToken() {}

  /**
   * The token in {@link Vault#apiTokenFile()}, made at first start: 32 random bytes, mode 0600.
   *
   * @throws InvalidInputException when the file is a link (a token planted as a link to a file all
   *     can read would be known to others), not a regular file, another user's, or not owner-only
   */
  public static String of(Vault vault) throws IOException {
    Path file = vault.apiTokenFile();
    TrustedPath.requirePrivateFile(file);
    if (Files.isRegularFile(file)) {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!token.isEmpty()) {
        return token;
      }
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    AtomicFile.write(file, token + "\n");
    return token;
  }
}
