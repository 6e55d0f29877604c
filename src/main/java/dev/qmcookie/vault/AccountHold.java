package dev.qmcookie.vault;

/**
 * An account held for writing: the folder's lock ({@link AccountLock}) or a shared store's lease.
 * Closing it lets the next writer in.
 */
public interface AccountHold extends AutoCloseable {
  @Override
  void close();
}
