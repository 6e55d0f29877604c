package dev.qmcookie.store;

import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.RenewalAttempt;
import dev.qmcookie.cookie.ServerCheck;
import dev.qmcookie.vault.AccountHold;
import dev.qmcookie.vault.AccountRecords;
import dev.qmcookie.vault.SaveSlot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** One account's records in the store. */
final class RedisRecords implements AccountRecords {
  private final String name;
  private final Path folder;
  private final StoreConnection connection;
  private final Seal seal;
  private final StoreSettings settings;
  private final Clock clock;

  RedisRecords(
      String name,
      Path folder,
      StoreConnection connection,
      Seal seal,
      StoreSettings settings,
      Clock clock) {
    this.name = name;
    this.folder = folder;
    this.connection = connection;
    this.seal = seal;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public boolean exists() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public byte[] storedBytes() throws IOException {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public CookieRecord load() throws IOException {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public AccountHold lock() throws IOException {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public SaveSlot prepareSave() throws IOException {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Optional<RenewalAttempt> lastAttempt() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void recordAttempt(RenewalAttempt attempt) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Optional<ServerCheck> lastCheck() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void recordCheck(ServerCheck check) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public List<String> problems() {
    throw new UnsupportedOperationException("not yet");
  }
}
