package dev.qmcookie.cli;

import dev.qmcookie.account.AccountStatus;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.cookie.CookieFormats;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.renew.RenewalSchedule;
import dev.qmcookie.schedule.ApiServer;
import dev.qmcookie.vault.Account;
import dev.qmcookie.vault.AtomicFile;
import dev.qmcookie.vault.TrustedPath;
import dev.qmcookie.vault.Vault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/** What the daemon's {@code --listen} endpoint serves: statuses and cookies from the vault. */
final class DaemonApi implements ApiServer.Backend {
  static final String TOKEN_FILE = "api-token";

  private final Vault vault;
  private final RenewalSchedule schedule;
  private final Clock clock;

  DaemonApi(Vault vault, RenewalSchedule schedule, Clock clock) {
    this.vault = vault;
    this.schedule = schedule;
    this.clock = clock;
  }

  /**
   * The bearer token in {@code <home>/api-token}, made at first start: 32 random bytes, mode 0600.
   *
   * @throws InvalidInputException when the file is a link (a token planted as a link to a file all
   *     can read would be known to others), not a regular file, another user's, or not owner-only
   */
  static String tokenOf(Vault vault) throws IOException {
    Path file = vault.home().resolve(TOKEN_FILE);
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

  @Override
  public String accountsJson() throws Exception {
    ArrayNode array = JsonTrees.array();
    for (Account account : vault.accounts()) {
      try {
        AccountStatus.read(account, schedule, clock.instant()).toJson(array.addObject(), clock.instant());
      } catch (InvalidInputException unreadable) {
        array.addObject().put("account", account.name()).put("error", "the stored cookie cannot be read");
      }
    }
    return JsonTrees.pretty(array);
  }

  @Override
  public Optional<String> cookie(String name, CookieFormat format) throws Exception {
    Account account;
    try {
      account = vault.account(name);
    } catch (InvalidInputException badName) {
      return Optional.empty();
    }
    if (!account.exists()) {
      return Optional.empty();
    }
    return Optional.of(CookieFormats.write(format, account.load(), account.lastAttempt().orElse(null)));
  }
}
