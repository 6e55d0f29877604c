package dev.qmcookie.store;

/** Follows the store's change channel on a daemon thread of its own. */
final class ChangeFeed implements AutoCloseable {
  static ChangeFeed start(StoreConnection connection, Runnable changed) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {}
}
