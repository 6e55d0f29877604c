package dev.qmcookie.vault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the accounts' records live when it is not their folders: a store several hosts share. The
 * {@link Vault} lists its accounts from it and gives each {@link Account} its records.
 */
public interface AccountStore extends AutoCloseable {
  /** The names of the accounts that hold a cookie, sorted. */
  List<String> names() throws IOException;

  /**
   * The records of one account, whether or not it holds a cookie yet.
   *
   * @param folder the account's local folder, for what stays on this host (the recovery file)
   */
  AccountRecords records(String name, Path folder);

  /**
   * Calls {@code changed} whenever another writer may have changed an account, and after the
   * connection comes back, until the returned handle is closed. Missed calls are caught up by
   * reading the accounts again.
   */
  AutoCloseable follow(Runnable changed) throws IOException;

  /** The store's address without its password, for messages. */
  String describe();

  @Override
  void close();
}
